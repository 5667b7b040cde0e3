/** Answers kept for operator actions sent with an Idempotency-Key (see `actionAnswers` in the schema). */
import { and, eq } from 'drizzle-orm';
import type { Executor } from './client';
import { actionAnswers } from './schema';

export interface KeptAnswer {
  request: string;
  answer: unknown;
}

export async function findActionAnswer(db: Executor, rolloutId: string, idempotencyKey: string): Promise<KeptAnswer | undefined> {
  const [row] = await db
    .select({ request: actionAnswers.request, answer: actionAnswers.answer })
    .from(actionAnswers)
    .where(and(eq(actionAnswers.rolloutId, rolloutId), eq(actionAnswers.idempotencyKey, idempotencyKey)));
  return row;
}

/** Keeps the first answer: a concurrent repeat that got the same answer from Temporal writes nothing. */
export async function keepActionAnswer(db: Executor, rolloutId: string, idempotencyKey: string, kept: KeptAnswer): Promise<void> {
  await db
    .insert(actionAnswers)
    .values({ rolloutId, idempotencyKey, request: kept.request, answer: kept.answer })
    .onConflictDoNothing();
}

/**
 * The same pool `db/client.ts` `connect()` builds (postgres.js + drizzle with the schema), plus a postgres.js
 * `debug` hook that counts every statement sent to the server by its shape, so the bench can say how many
 * database round trips each site costs and which statements they are.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from '../../db/client';
import * as schema from '../../db/schema';

export interface QueryCounts {
  total: number;
  byShape: Record<string, number>;
}

/** `select "plan" from "rollouts" where "rollouts"."id" = $1` → the same text with whitespace collapsed, capped. */
export function queryShape(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 137)}...` : flat;
}

export function countedConnect(url: string, options: { max?: number } = {}): Database & { counts(): QueryCounts; reset(): void } {
  let byShape = new Map<string, number>();
  let total = 0;
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    debug: (_connection, query) => {
      total++;
      const shape = queryShape(query);
      byShape.set(shape, (byShape.get(shape) ?? 0) + 1);
    },
  });
  const db = drizzle(sql, { schema });
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
    counts: () => ({ total, byShape: Object.fromEntries([...byShape].sort((a, b) => b[1] - a[1])) }),
    reset: () => {
      byShape = new Map();
      total = 0;
    },
  };
}

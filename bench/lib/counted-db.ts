/**
 * The pool `db/client.ts` `connect()` builds, counting every statement sent to the server by its shape, so the
 * bench can say how many database round trips each site costs and which statements they are.
 */
import { connect, type Database } from '../../db/client';

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
  const database = connect(url, {
    max: options.max,
    onQuery: (query) => {
      total++;
      const shape = queryShape(query);
      byShape.set(shape, (byShape.get(shape) ?? 0) + 1);
    },
  });
  return {
    ...database,
    counts: () => ({ total, byShape: Object.fromEntries([...byShape].sort((a, b) => b[1] - a[1])) }),
    reset: () => {
      byShape = new Map();
      total = 0;
    },
  };
}

/** What a database error says, looked for through its causes: Drizzle wraps the driver's error in its own. */
export interface PostgresRefusal {
  /** SQLSTATE, e.g. `22021` (a byte sequence the encoding cannot hold). */
  code: string;
  message: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Classes 22 (data exception) and 23 (integrity constraint violation): the values themselves are refused. */
const DATA_CLASSES = /^2[23]/;

/** The data error in `err`'s causes, if Postgres refused a value; retrying the same write cannot help. */
export function dataErrorOf(err: unknown): PostgresRefusal | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && SQLSTATE.test(code)) return DATA_CLASSES.test(code) ? { code, message: String(message) } : undefined;
  }
  return undefined;
}

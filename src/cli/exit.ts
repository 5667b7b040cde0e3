/** How a command ends when it does not end well: the exit codes of CLI.md, thrown and turned into the process's. */

export const EXIT = {
  ok: 0,
  /** The API refused (4xx), or a plan file breaks the plan's schema (what the API would refuse). */
  refused: 1,
  /** Unknown command or flag, unreadable file, a file that is not YAML, JSON or CSV. */
  usage: 2,
  /** `watch` ended on a halted or aborted rollout. */
  stopped: 3,
  /** The server cannot be reached, or answered 5xx. */
  unreachable: 4,
  /** `watch` left by Ctrl-C; the rollout goes on. */
  interrupted: 130,
} as const;

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** A command's failure: `lines` go to stderr, `body` (the `{"error": …}` shape) to stdout under --json. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly errorCode = 'error',
  ) {
    super(message);
  }

  get body() {
    return { error: { code: this.errorCode, message: this.message, details: this.details } };
  }
}

/** `row 3, timezone: must be an IANA time zone…` / `waves[1].maxParallel: must be…` / `stores.csv:4:7: …`. */
export function detailLine(d: ErrorDetail): string {
  const field =
    typeof d.row === 'number' && !(typeof d.file === 'string') ? `row ${d.row}${typeof d.field === 'string' ? `, ${d.field}` : ''}` : d.path;
  const place = typeof d.file === 'string' && typeof d.line === 'number' ? `${d.file}:${d.line}:${d.column ?? 1}` : undefined;
  return [place, field, d.message].filter(Boolean).join(': ');
}

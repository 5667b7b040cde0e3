/** What every command shares: the connection, the client, how answers become output and exit codes. */
import { createRollwaveClient, DEFAULT_URL, type ApiErrorBody, type RollwaveClient } from '../client';
import { CliExit, EXIT } from './exit';

export interface GlobalOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

export interface Context {
  url: string;
  key: string | undefined;
  json: boolean;
  api: RollwaveClient;
  /** The answer's data, or a CliExit: 4xx → 1 with the API's error, 5xx or no answer → 4. */
  call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T>;
  /** Writes `value` as JSON on stdout under --json, else `human()`'s lines. */
  out(value: unknown, human: () => string | string[]): void;
}

export function contextOf(opts: GlobalOptions): Context {
  const url = opts.url ?? process.env.ROLLWAVE_URL ?? DEFAULT_URL;
  const key = opts.key ?? process.env.ROLLWAVE_KEY ?? undefined;
  const api = createRollwaveClient({ url, key, fetch: withTimeout });
  return {
    url,
    key,
    json: Boolean(opts.json),
    api,
    async call(request) {
      let answer: Awaited<typeof request>;
      try {
        answer = await request;
      } catch (err) {
        throw unreachable(url, err);
      }
      const { data, error, response } = answer;
      if (response.ok) return data as never;
      throw refusal(response, error);
    },
    out(value, human) {
      if (opts.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else {
        const lines = human();
        process.stdout.write(`${Array.isArray(lines) ? lines.join('\n') : lines}\n`);
      }
    },
  };
}

/** A request the server has not answered within this is given up: exit 4. The event stream is exempt. */
const REQUEST_TIMEOUT_MS = 60_000;

function withTimeout(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  if (request.headers.get('accept') === 'text/event-stream') return fetch(request);
  return fetch(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
}

export function unreachable(url: string, err: unknown): CliExit {
  const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return new CliExit(EXIT.unreachable, `cannot reach ${url}: ${cause}`, [], 'unreachable');
}

/** A non-2xx answer as a CliExit, its message and details as the API gave them. */
export function refusal(response: Response, error: unknown): CliExit {
  const body = (error && typeof error === 'object' && 'error' in error ? (error as ApiErrorBody).error : undefined) ?? {
    code: `http_${response.status}`,
    message: typeof error === 'string' && error ? error : `${response.status} ${response.statusText}`,
    details: [],
  };
  const code = response.status >= 500 ? EXIT.unreachable : EXIT.refused;
  return new CliExit(code, body.message, body.details ?? [], body.code);
}

/** Every item of a paged listing, following `nextCursor` to the last page. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

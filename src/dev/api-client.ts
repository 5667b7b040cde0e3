/** JSON over HTTP to a Rollwave API with a key: how tests, the bench and scripts drive it, like a user. */

export interface ApiAnswer<T = any> {
  status: number;
  /** The parsed JSON; the text as it came when it is not JSON; undefined when empty. */
  body: T;
  headers: Headers;
  /** Milliseconds from sending to the full answer. */
  ms: number;
}

export interface ApiRequestOptions {
  /** Another key than the client's; null sends no Authorization header. */
  key?: string | null;
  /** Added to the request's headers; `content-type` defaults to JSON when there is a body. */
  headers?: Record<string, string>;
  /** A request that has not answered by then fails. @default 60000 */
  timeoutMs?: number;
}

export type ApiClient = <T = any>(method: string, path: string, body?: unknown, opts?: ApiRequestOptions) => Promise<ApiAnswer<T>>;

/** A client of the API at `baseUrl` that sends `key`; a string body goes as it is (CSV), anything else as JSON. */
export function apiClient(baseUrl: string, key: string): ApiClient {
  return async function http(method, path, body, opts = {}) {
    const started = Date.now();
    const sent = opts.key === undefined ? key : opts.key;
    const headers: Record<string, string> = { ...opts.headers };
    if (sent !== null) headers.authorization = `Bearer ${sent}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body: payload, signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as any, headers: res.headers, ms: Date.now() - started };
  };
}

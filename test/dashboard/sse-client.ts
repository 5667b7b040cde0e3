/** A minimal Server-Sent Events client over fetch, for tests: it keeps every message and comment it reads. */

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once `check` holds over what arrived so far; fails after `timeoutMs` or when the stream ends first. */
  until(check: (s: SseStream) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** True once the server ended the response. */
  ended: boolean;
  close(): void;
}

export async function openStream(url: string, headers: Record<string, string>): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const waiters = new Set<() => void>();
  const stream: SseStream = {
    status: res.status,
    headers: res.headers,
    messages: [],
    comments: [],
    ended: false,
    until(check, timeoutMs = 30_000, what = 'stream condition') {
      return new Promise((resolve, reject) => {
        const test = () => {
          if (check(stream)) return done(resolve);
          if (stream.ended) done(() => reject(new Error(`stream ended before ${what}; ${stream.messages.length} messages`)));
        };
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(test);
          settle();
        };
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}; ${stream.messages.length} messages`))), timeoutMs);
        waiters.add(test);
        test();
      });
    },
    close: () => controller.abort(),
  };
  if (!res.body || !res.ok) {
    stream.ended = true;
    return stream;
  }
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    let message: SseMessage = { id: undefined, event: 'message', data: '' };
    let data: string[] = [];
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (data.length > 0) stream.messages.push({ ...message, data: data.join('\n') });
            message = { id: message.id, event: 'message', data: '' };
            data = [];
          } else if (line.startsWith(':')) {
            stream.comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') message.id = value;
            else if (field === 'event') message.event = value;
            else if (field === 'data') data.push(value);
          }
        }
        for (const w of [...waiters]) w();
      }
    } catch {
      // aborted by close(), or the server went away: either way the stream is over
    } finally {
      stream.ended = true;
      for (const w of [...waiters]) w();
    }
  })();
  return stream;
}

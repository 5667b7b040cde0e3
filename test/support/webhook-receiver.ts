/** A real HTTP receiver of Rollwave's webhooks: it keeps every request, and can fail the first attempts of each event. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; sentAt: string; site?: string; wave?: string; data?: Record<string, any>; rollout: { id: string; name: string } };
  /** The status this receiver answered. */
  status: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The requests answered 2xx, one per event id as a receiver that deduplicates keeps them. */
  delivered(): Received[];
  /** Answer 503 to the first `n` requests of every event id. */
  failFirst(n: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failures = 0;
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Received['body'];
      const tries = (seen.get(body.id) ?? 0) + 1;
      seen.set(body.id, tries);
      const status = tries <= failures ? 503 : 204;
      received.push({ at: Date.now(), headers: req.headers, raw, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    delivered() {
      const byId = new Map<string, Received>();
      for (const r of received) if (r.status < 300 && !byId.has(r.body.id)) byId.set(r.body.id, r);
      return [...byId.values()];
    },
    failFirst(n) {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A URL nobody listens on: a port taken and released at once. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/hooks`;
}

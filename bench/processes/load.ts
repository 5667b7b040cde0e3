/**
 * The polling benchmark's load generator: autocannon in a process of its own, so its CPU is measured on its own
 * and the orchestrator's other work (sampling, watching the rollout) does not delay it. Each `run` request is one
 * phase against one URL; the answer is the phase's figures.
 */
import autocannon, { type Result } from 'autocannon';
import { selfUsage, serveParent } from '../lib/child';

export interface LoadSpec {
  url: string;
  path: string;
  authorization: string;
  /** Send If-None-Match with the newest ETag received, as a dashboard revalidating what it shows. */
  revalidate: boolean;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  errors: number;
}

function options(spec: LoadSpec): Parameters<typeof autocannon>[0] {
  const headers = { authorization: spec.authorization };
  const common = { url: spec.url, connections: spec.connections, duration: spec.seconds, headers };
  if (!spec.revalidate) return { ...common, url: spec.url + spec.path };
  // autocannon clears a connection's context after every pass over `requests`, so the newest ETag lives
  // here, shared by the connections. The bare route ignores the header but runs the same callbacks.
  let latestEtag = '""';
  return {
    ...common,
    requests: [
      {
        method: 'GET',
        path: spec.path,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...headers, 'if-none-match': latestEtag } }),
        onResponse: (status, _body, _context, responseHeaders) => {
          if (status === 200 && responseHeaders.etag) latestEtag = responseHeaders.etag;
        },
      },
    ],
  };
}

function summary(r: Result): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = v.count;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, statusCodes, errors: r.errors + r.timeouts };
}

serveParent({ pid: process.pid }, { run: async (spec: LoadSpec) => summary(await autocannon(options(spec))), usage: selfUsage }, async () => {});

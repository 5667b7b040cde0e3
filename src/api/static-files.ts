/** Small static pages the API serves (the dashboard, the site lead's page): read once at start, sent as they are. */
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

/**
 * No script may run but the page's own: no inline code, no other origin, no framing (clickjacking of its
 * buttons), and no Referer that could carry a secret elsewhere.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Small files, changed only by a deploy: revalidate each time so a new version shows at the next reload.
  'cache-control': 'no-cache',
};

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Serves each file of `dir` at the paths listed for it, without a key. */
export async function serveStaticFiles(app: FastifyInstance, dir: URL, routes: [path: string, file: string][]) {
  const names = [...new Set(routes.map(([, file]) => file))];
  const files = new Map(await Promise.all(names.map(async (file) => [file, await readFile(new URL(file, dir), 'utf8')] as const)));
  for (const [path, file] of routes) {
    const type = TYPES[file.split('.').at(-1)!]!;
    const body = files.get(file)!;
    app.get(path, { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.headers(SECURITY_HEADERS).header('content-type', type).send(body),
    );
  }
}

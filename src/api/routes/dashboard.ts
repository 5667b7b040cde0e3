/**
 * The built-in dashboard: a static page at `/` and `/dashboard` with its script and stylesheet. The page itself
 * needs no key; it asks for one and calls the API with it. Files are read once at start (they are small).
 */
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';

const DIR = new URL('../dashboard/', import.meta.url);

/**
 * The page keeps an API key in local storage, so no script may run but its own: no inline code, no other
 * origin, no framing (clickjacking of the action buttons).
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

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const read = (file: string) => readFile(new URL(file, DIR), 'utf8');
  const [html, js, css] = await Promise.all([read('index.html'), read('app.js'), read('app.css')]);
  const files: [string, string, string][] = [
    ['/', html, 'text/html; charset=utf-8'],
    ['/dashboard', html, 'text/html; charset=utf-8'],
    ['/dashboard/app.js', js, 'text/javascript; charset=utf-8'],
    ['/dashboard/app.css', css, 'text/css; charset=utf-8'],
  ];
  for (const [path, body, type] of files) {
    app.get(path, { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.headers(SECURITY_HEADERS).header('content-type', type).send(body),
    );
  }
};

/**
 * The built-in dashboard: a static page at `/` and `/dashboard` with its script and stylesheet. The page itself
 * needs no key; it asks for one and calls the API with it (it keeps the key in local storage, hence the strict
 * security headers of static-files.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { serveStaticFiles } from '../static-files';

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  await serveStaticFiles(app, new URL('../dashboard/', import.meta.url), [
    ['/', 'index.html'],
    ['/dashboard', 'index.html'],
    ['/dashboard/app.js', 'app.js'],
    ['/dashboard/app.css', 'app.css'],
  ]);
};

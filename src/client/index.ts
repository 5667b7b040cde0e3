/**
 * A typed client of the Rollwave API, for the CLI and for your own scripts and dashboards:
 *
 *   const rw = createRollwaveClient({ url: 'http://127.0.0.1:3000', key: process.env.ROLLWAVE_KEY });
 *   const { data, error } = await rw.GET('/v1/rollouts/{id}/progress', { params: { path: { id } } });
 *
 * Paths, parameters and bodies are typed from the API's OpenAPI document (openapi.d.ts, made by
 * `npm run generate:client`); calls answer openapi-fetch's `{ data, error, response }`.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi';

export type { components, operations, paths } from './openapi';

export type RollwaveClient = Client<paths>;

/** The error body of every 4xx/5xx answer (API.md, Conventions). */
export interface ApiErrorBody {
  error: { code: string; message: string; details: ({ path?: string; message: string } & Record<string, unknown>)[]; requestId?: string };
}

export interface RollwaveClientOptions {
  /** Base URL of the API. @default "http://127.0.0.1:3000" */
  url?: string;
  /** API key, sent as `Authorization: Bearer <key>`; omitted → no header. */
  key?: string;
  /** Another fetch, e.g. one with a proxy or a timeout. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

export const DEFAULT_URL = 'http://127.0.0.1:3000';

export function createRollwaveClient(options: RollwaveClientOptions = {}): RollwaveClient {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  return createClient<paths>({ baseUrl: (options.url ?? DEFAULT_URL).replace(/\/+$/, ''), headers, fetch: options.fetch });
}

/**
 * The API's OpenAPI document without a server, a database or Temporal: the app is built with stand-ins for both
 * (no route runs, so none is touched) and asked for its document. `npm run generate:client` types the client from it.
 */
import type { Client } from '@temporalio/client';
import { pino } from 'pino';
import type { Db } from '../../db/client';
import { buildApp } from './app';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp({ db: {} as Db, temporal: {} as Client, taskQueue: 'openapi', logger: pino({ level: 'silent' }) });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

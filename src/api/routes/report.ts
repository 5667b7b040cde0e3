/**
 * `GET /v1/rollouts/{id}/report?date=YYYY-MM-DD[&format=csv]`: one UTC day of a rollout — sites started,
 * succeeded, failed, rolled back, skipped — and that day's failures grouped by step and error.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { dailyReport, type DailyReport } from '../../../db/report';
import { versionOf } from '../../../db/rollouts';
import { csvCell } from '../csv-cell';
import { notFound } from '../errors';
import { rolloutParams, rolloutReadErrors } from '../schemas';

const DAY_MS = 86_400_000;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  // Date.parse rolls 2024-02-30 over to March 1st instead of rejecting it: compare the round trip.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'is not a calendar date');

const reportBody = z.object({
  rolloutId: z.string(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  started: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  rolledBack: z.number().int(),
  skipped: z.number().int(),
  failures: z.array(
    z.object({ step: z.string().nullable(), error: z.string(), count: z.number().int(), sites: z.number().int(), exampleSites: z.array(z.string()) }),
  ),
});

export const reportRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/v1/rollouts/:id/report',
    {
      schema: {
        operationId: 'getReport',
        tags: ['progress'],
        summary: "A day's report: sites started, succeeded, failed, rolled back; failures by step and error",
        description:
          'The day is a UTC calendar day (default: today). `format=csv` returns the same as one CSV table: ' +
          'a row per count, then a row per failure group, most frequent first.',
        params: rolloutParams,
        querystring: z.object({ date: day.optional(), format: z.enum(['json', 'csv']).default('json') }),
        response: {
          200: {
            description: 'The report, as JSON or (format=csv) as CSV',
            content: { 'application/json': { schema: reportBody }, 'text/csv': { schema: z.string() } },
          },
          ...rolloutReadErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await versionOf(db, id))) throw notFound(`rollout ${id}`);
      const date = request.query.date ?? new Date().toISOString().slice(0, 10);
      const from = new Date(`${date}T00:00:00Z`);
      const to = new Date(from.getTime() + DAY_MS);
      const report = await dailyReport(db, id, from, to);
      if (request.query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="rollout-${id.replace(/[^\w.-]/g, '_')}-${date}.csv"`)
          .send(toCsv(date, report));
      }
      return { rolloutId: id, date, from: from.toISOString(), to: to.toISOString(), ...report };
    },
  );
};

function toCsv(date: string, r: DailyReport): string {
  const rows: (string | number | null)[][] = [
    ['date', 'kind', 'step', 'error', 'count', 'sites', 'example_sites'],
    [date, 'started', null, null, null, r.started, null],
    [date, 'succeeded', null, null, null, r.succeeded, null],
    [date, 'failed', null, null, null, r.failed, null],
    [date, 'rolled_back', null, null, null, r.rolledBack, null],
    [date, 'skipped', null, null, null, r.skipped, null],
    ...r.failures.map((f) => [date, 'failure', f.step, f.error, f.count, f.sites, f.exampleSites.join(' ')]),
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

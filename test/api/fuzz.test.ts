/**
 * Random input at every write endpoint: whatever arrives, the answer is never a 5xx, every error has API.md's body,
 * and a refused request writes nothing.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_KEY, startRollwave, type Rollwave } from '../support/harness';
import { expectErrorBody, plan, rolloutAwaitingReadiness, rowCounts, site } from './api-support';

const RUNS = 200;

let rw: Rollwave;
/** An app of its own without a rate limit, called in-process: thousands of requests in seconds. */
let app: FastifyInstance;
let rolloutId: string;

beforeAll(async () => {
  rw = await startRollwave();
  app = await rw.anotherApp({ rateLimit: false });
  const imported = await rw.http('POST', '/v1/sites/import', [site('ST-001'), site('ST-002')]);
  expect(imported.status).toBe(200);
  // Parked on readiness, it writes nothing more while the fuzzing runs.
  rolloutId = await rolloutAwaitingReadiness(rw, 'ST-001');
});
afterAll(async () => {
  await app?.close();
  await rw?.close();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Mostly any code point, sometimes one Postgres or a CSV parser finds hard: NUL, lone surrogates, a BOM, quotes. */
const char = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufeff', '"', ',', '\n', '\r', '|', '{code}') },
);
/**
 * A path segment: any text, percent-encoded (lone surrogates have no encoding, so they are left to the raw
 * forms), or raw bytes that are not valid percent-encoded UTF-8.
 */
const pathSegment = (maxLength: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%ED%A0%80', '%FF', '%', '%zz', '..', '%2F', 'a%2Fb', 'x'.repeat(300)) },
  );
const json: fc.Arbitrary<Json> = fc.jsonValue({ stringUnit: char, maxDepth: 4 }) as fc.Arbitrary<Json>;

/** Every path into a value, the value itself included. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...children.flatMap(([k, v]) => pathsOf(v, [...at, k]))];
}

/** A copy of `value` with the node at `path` replaced, removed (`undefined`) or given an extra field. */
function mutated(value: Json, path: (string | number)[], change: { kind: 'replace' | 'remove' | 'add'; key: string; with: Json }): Json {
  if (path.length === 0) {
    if (change.kind === 'replace') return change.with;
    if (change.kind === 'add' && value && typeof value === 'object' && !Array.isArray(value)) return { ...value, [change.key]: change.with };
    return value;
  }
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (rest.length === 0 && change.kind === 'remove') {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else {
    copy[head!] = mutated(copy[head!], rest, change);
  }
  return copy;
}

/** `base` with one random change somewhere: each field in turn meets wrong types, absence and unknown neighbours. */
const mutationOf = (base: Json) =>
  fc
    .record({
      pick: fc.nat(),
      kind: fc.constantFrom('replace', 'remove', 'add') as fc.Arbitrary<'replace' | 'remove' | 'add'>,
      key: fc.string({ unit: char, maxLength: 8 }),
      with: json,
    })
    .map(({ pick, ...change }) => {
      const paths = pathsOf(base);
      return mutated(base, paths[pick % paths.length]!, change);
    });

interface Sent {
  method: 'PUT' | 'POST';
  url: string;
  payload: string;
  contentType?: string;
}

/** Sends one request; asserts no 5xx, the error body on errors, and no rows written unless it succeeded. */
async function expectSafe({ method, url, payload, contentType = 'application/json' }: Sent) {
  const before = await rowCounts(rw);
  const res = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': contentType } });
  const what = `${method} ${url} ${JSON.stringify(payload).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expectErrorBody(res.json());
    expect(await rowCounts(rw), what).toEqual(before);
  }
  return res.statusCode;
}

const property = <T>(arb: fc.Arbitrary<T>, send: (value: T) => Sent) =>
  fc.assert(
    fc.asyncProperty(arb, async (value) => {
      await expectSafe(send(value));
    }),
    { numRuns: RUNS },
  );

const siteBody: Json = { name: 'Store', region: 'east', timezone: 'Asia/Shanghai', tags: ['pos'], endpoint: 'https://st.example/api', attributes: { floor: 2 } };
/** Invalid twice over (blank name, unknown site), so that no single change makes it start a rollout. */
const badPlan: Json = {
  ...(plan({ waves: [{ name: 'pilot', select: { codes: ['NOPE-404'] }, maxParallel: 2, failureThreshold: { maxFailedPercent: 20 } }] }) as { [k: string]: Json }),
  name: ' ',
  release: { version: '5.2.0', config: { any: 'json' }, dataset: { uri: 's3://b/d', records: 10 } },
  cutover: { window: { start: '22:00', end: '06:00' } },
  gateway: { endpointTemplate: 'http://127.0.0.1:9/sites/{code}' },
};
/** Invalid twice over (not confirmed, more trained than total), so that no single change confirms the site. */
const badReadiness: Json = { confirmed: false, trainedStaff: 30, totalStaff: 20, note: 'n' };
const CONTENT_TYPES = ['application/json', 'text/csv', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'text/csv; charset=latin1', 'application/x-www-form-urlencoded', '*/*', ';;'];

describe('random JSON at each write endpoint never causes a 5xx and a refusal writes nothing', () => {
  test('PUT /v1/sites/{code} with any JSON', () => property(json, (body) => ({ method: 'PUT', url: '/v1/sites/FZ-1', payload: JSON.stringify(body) })));

  test('PUT /v1/sites/{code} with a site changed in one place', () =>
    property(mutationOf(siteBody), (body) => ({ method: 'PUT', url: '/v1/sites/FZ-2', payload: JSON.stringify(body) })));

  test('PUT /v1/sites/{code} with any code in the path', () =>
    property(pathSegment(80), (code) => ({ method: 'PUT', url: `/v1/sites/${code}`, payload: JSON.stringify(siteBody) })));

  test('POST /v1/sites/import with any JSON', () => property(json, (body) => ({ method: 'POST', url: '/v1/sites/import', payload: JSON.stringify(body) })));

  test('POST /v1/sites/import with sites each changed in one place', () =>
    property(fc.array(mutationOf({ code: 'FZ-3', ...(siteBody as object) }), { maxLength: 4 }), (rows) => ({
      method: 'POST',
      url: '/v1/sites/import',
      payload: JSON.stringify(rows),
    })));

  test('POST /v1/sites/import with CSV-like text', () => {
    const cell = fc.oneof(fc.string({ unit: char, maxLength: 12 }), fc.constantFrom('FZ-4', 'Asia/Shanghai', 'Mars/Base', 'https://x.example', 'javascript:x', 'a|b', '"q""uote"', '"open'));
    const header = fc.shuffledSubarray(['code', 'name', 'region', 'timezone', 'tags', 'endpoint', 'code', 'extra'], { minLength: 1 });
    const csv = fc.tuple(header, fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 5 }), fc.boolean()).map(([columns, rows, crlf]) =>
      [columns.join(','), ...rows.map((r) => r.join(','))].join(crlf ? '\r\n' : '\n'),
    );
    return property(csv, (text) => ({ method: 'POST', url: '/v1/sites/import', payload: text, contentType: 'text/csv' }));
  });

  test('POST /v1/sites/import with any content type', () =>
    property(fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.string({ unit: char, maxLength: 40 })), ([contentType, payload]) => ({
      method: 'POST',
      url: '/v1/sites/import',
      payload,
      contentType,
    })));

  test('POST /v1/rollouts with any JSON', () => property(json, (body) => ({ method: 'POST', url: '/v1/rollouts', payload: JSON.stringify(body) })));

  test('POST /v1/rollouts with a plan changed in one place', () =>
    property(mutationOf(badPlan), (body) => ({ method: 'POST', url: '/v1/rollouts', payload: JSON.stringify(body) })));

  test('POST /v1/rollouts/preview with a plan changed in one place', () =>
    property(mutationOf({ ...(badPlan as object), name: 'preview' }), (body) => ({ method: 'POST', url: '/v1/rollouts/preview', payload: JSON.stringify(body) })));

  test('POST /v1/api-keys with any JSON', () => property(json, (body) => ({ method: 'POST', url: '/v1/api-keys', payload: JSON.stringify(body) })));

  test('POST /v1/api-keys with a key request changed in one place', () =>
    property(mutationOf({ role: 'site-lead', name: 'lead', sites: ['ST-001'] }), (body) => ({ method: 'POST', url: '/v1/api-keys', payload: JSON.stringify(body) })));

  test('POST .../readiness with a confirmation changed in one place', () =>
    property(mutationOf(badReadiness), (body) => ({ method: 'POST', url: `/v1/rollouts/${rolloutId}/sites/ST-001/readiness`, payload: JSON.stringify(body) })));

  test('POST on actions with any rollout id, wave or site code in the path', () => {
    const segment = pathSegment(40);
    const action = fc.oneof(
      segment.map((id) => `/v1/rollouts/${id}/pause`),
      segment.map((wave) => `/v1/rollouts/${rolloutId}/waves/${wave}/launch`),
      segment.map((code) => `/v1/rollouts/${rolloutId}/sites/${code}/skip`),
    );
    return property(action, (url) => ({ method: 'POST', url, payload: '{}' }));
  });
});

/**
 * Who may call what (API.md): every /v1 route with no key, a malformed header, an unknown key and each role's key.
 * Viewers and site leads read; managers and admins write; only admins manage keys; a site lead confirms readiness
 * for its own sites only. Missing or unknown key → 401, known key not allowed → 403. The site lead's page calls
 * (BY_LINK) answer to a readiness link's token instead, and to no key.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_KEY, startRollwave, waitFor, type Rollwave } from '../support/harness';
import { expectErrorBody, plan, rolloutAwaitingReadiness, site } from './api-support';

type Role = 'admin' | 'manager' | 'site-lead' | 'viewer';
const ROLES: Role[] = ['admin', 'manager', 'site-lead', 'viewer'];

let rw: Rollwave;
const keys = {} as Record<Role, string>;
/** A rollout of ST-001 and ST-002, both waiting for readiness; the matrix acts on it. */
let rolloutId: string;
/** Revoked by the first DELETE /v1/api-keys/{id} the matrix sends. */
let throwawayKeyId: string;

async function createKey(body: { role: Role; sites?: string[]; name?: string }) {
  const res = await rw.http('POST', '/v1/api-keys', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; key: string; role: Role; sites: string[] };
}

beforeAll(async () => {
  rw = await startRollwave();
  const imported = await rw.http('POST', '/v1/sites/import', [site('ST-001'), site('ST-002'), site('ST-003')]);
  expect(imported.status).toBe(200);
  keys.admin = ADMIN_KEY;
  keys.manager = (await createKey({ role: 'manager', name: 'rollout manager' })).key;
  keys['site-lead'] = (await createKey({ role: 'site-lead', sites: ['ST-001'], name: 'ST-001 lead' })).key;
  keys.viewer = (await createKey({ role: 'viewer', name: 'wallboard' })).key;
  throwawayKeyId = (await createKey({ role: 'viewer', name: 'throwaway' })).id;

  const created = await rw.http('POST', '/v1/rollouts', plan({ waves: [{ name: 'pilot', select: { codes: ['ST-001', 'ST-002'] } }] }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  rolloutId = created.body.id;
});
afterAll(async () => {
  await rw?.close();
});

/** A request as a client sends it; an event stream is abandoned once its status is known. */
async function call(method: string, path: string, authorization: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const res = await fetch(rw.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal });
  const json: any = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : undefined;
  controller.abort();
  return { status: res.status, body: json, headers: res.headers };
}

/** Who may call a route: any key, managers (and admins), admins only, or managers and the lead of `site`. */
type Access = { kind: 'read' } | { kind: 'manage' } | { kind: 'admin' } | { kind: 'readiness'; site: string };

function allowed(access: Access, role: Role): boolean {
  switch (access.kind) {
    case 'read':
      return true;
    case 'manage':
      return role === 'admin' || role === 'manager';
    case 'admin':
      return role === 'admin';
    case 'readiness':
      return role === 'admin' || role === 'manager' || (role === 'site-lead' && access.site === 'ST-001');
  }
}

interface Route {
  method: string;
  /** OpenAPI template: `{id}` is the matrix rollout, `{code}` a site, `{wave}` its wave. */
  template: string;
  access: Access;
  body?: () => unknown;
  /** Fills the template differently from the defaults (`{code}` → ST-001). */
  params?: Record<string, () => string>;
}

const readiness = { confirmed: true, trainedStaff: 20, totalStaff: 20 };
/** Every write, with a body it would accept; the abort comes last so that the other actions meet a live rollout. */
const WRITES: Route[] = [
  { method: 'PUT', template: '/v1/sites/{code}', access: { kind: 'manage' }, params: { code: () => 'AUTH-1' }, body: () => ({ name: 'A', region: 'auth', timezone: 'UTC' }) },
  { method: 'POST', template: '/v1/sites/import', access: { kind: 'manage' }, body: () => [site('AUTH-2', { region: 'auth' })] },
  { method: 'POST', template: '/v1/rollouts/preview', access: { kind: 'manage' }, body: () => plan({ waves: [{ name: 'w', select: { codes: ['ST-003'] } }] }) },
  { method: 'POST', template: '/v1/rollouts', access: { kind: 'manage' }, body: () => plan({ waves: [{ name: 'w', select: { codes: ['ST-003'] } }] }) },
  { method: 'POST', template: '/v1/rollouts/{id}/sites/{code}/readiness', access: { kind: 'readiness', site: 'ST-002' }, params: { code: () => 'ST-002' }, body: () => readiness },
  { method: 'POST', template: '/v1/rollouts/{id}/sites/{code}/readiness', access: { kind: 'readiness', site: 'ST-001' }, body: () => readiness },
  { method: 'POST', template: '/v1/rollouts/{id}/pause', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/resume', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/waves/{wave}/launch', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/waves/{wave}/rollback', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/sites/{code}/retry', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/sites/{code}/rollback', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/sites/{code}/skip', access: { kind: 'manage' } },
  { method: 'POST', template: '/v1/rollouts/{id}/sites/{code}/readiness-link', access: { kind: 'manage' }, body: () => ({ name: 'the matrix' }) },
  { method: 'POST', template: '/v1/rollouts/{id}/waves/{wave}/readiness-links', access: { kind: 'manage' } },
  { method: 'DELETE', template: '/v1/readiness-links/{id}', access: { kind: 'manage' }, params: { id: () => 'rl_never-made' } },
  { method: 'POST', template: '/v1/api-keys', access: { kind: 'admin' }, body: () => ({ role: 'viewer', name: 'made by the matrix' }) },
  { method: 'DELETE', template: '/v1/api-keys/{id}', access: { kind: 'admin' }, params: { id: () => throwawayKeyId } },
  { method: 'POST', template: '/v1/webhooks', access: { kind: 'admin' }, body: () => ({ url: 'https://hooks.example.com/matrix', events: ['site.failed'], secret: 'a secret of 16 chars' }) },
  { method: 'DELETE', template: '/v1/webhooks/{id}', access: { kind: 'admin' }, params: { id: () => 'wh_never-made' } },
  { method: 'POST', template: '/v1/rollouts/{id}/abort', access: { kind: 'manage' } },
];

const fill = (route: Route) =>
  route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const defaults: Record<string, () => string> = { id: () => rolloutId, code: () => 'ST-001', wave: () => 'pilot' };
    return (route.params?.[name] ?? defaults[name]!)();
  });

/** The calls of the site lead's page: a readiness link's token, not an API key, says who may make them. */
const BY_LINK = ['GET /v1/readiness', 'POST /v1/readiness'];
/** Reads only an admin may make: the installation's webhooks. */
const ADMIN_READS = ['GET /v1/webhooks'];
/** What editors fetch without a key: the plan's JSON Schema holds nothing of the installation's. */
const PUBLIC = ['GET /v1/schemas/plan.json'];

/** Every operation the OpenAPI document lists under /v1 but BY_LINK and PUBLIC, as `METHOD template`. */
async function documentedOperations(): Promise<string[]> {
  const { body } = await call('GET', '/openapi.json', undefined);
  return Object.entries(body.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .filter((op) => !BY_LINK.includes(op) && !PUBLIC.includes(op));
}

const ANONYMOUS: [string, string | undefined][] = [
  ['no Authorization header', undefined],
  ['a Basic Authorization header', `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}`],
  ['a Bearer header without a key', 'Bearer '],
  ['a Bearer header with two tokens', `Bearer ${ADMIN_KEY} ${ADMIN_KEY}`],
  ['an unknown key', 'Bearer rw_this-key-was-never-issued'],
];

async function expectAnonymousRefused(method: string, path: string, body?: unknown) {
  for (const [what, authorization] of ANONYMOUS) {
    const res = await call(method, path, authorization, body);
    expect(res.status, `${method} ${path} with ${what}: ${JSON.stringify(res.body)}`).toBe(401);
    expectErrorBody(res.body, 'unauthorized');
  }
}

async function expectRoleAnswer(route: Route, role: Role) {
  const path = fill(route);
  const res = await call(route.method, path, `Bearer ${keys[role]}`, route.body?.());
  const what = `${role} ${route.method} ${path}: ${res.status} ${JSON.stringify(res.body)}`;
  expect(res.status, what).toBeLessThan(500);
  if (allowed(route.access, role)) {
    expect([401, 403], what).not.toContain(res.status);
  } else {
    expect(res.status, what).toBe(403);
    expectErrorBody(res.body, 'forbidden');
  }
}

describe('writes', () => {
  test('the matrix declares who may call every write the OpenAPI document lists', async () => {
    const declared = WRITES.map((r) => `${r.method} ${r.template}`);
    const writes = (await documentedOperations()).filter((op) => !op.startsWith('GET '));
    expect(writes.filter((op) => !declared.includes(op))).toEqual([]);
  });

  describe.each(WRITES)('$method $template ($access.kind $access.site)', (route) => {
    test('without a valid key is 401', async () => {
      await expectAnonymousRefused(route.method, fill(route), route.body?.());
    });
    test.each(ROLES)('with a %s key is allowed or 403 as API.md says', async (role) => {
      await expectRoleAnswer(route, role);
    });
  });
});

describe('reads', () => {
  test('every GET under /v1 answers every role and refuses callers without a valid key', async () => {
    const reads = (await documentedOperations()).filter((op) => op.startsWith('GET '));
    expect(reads).toEqual(expect.arrayContaining(['GET /v1/sites', 'GET /v1/rollouts', 'GET /v1/rollouts/{id}', 'GET /v1/rollouts/{id}/progress']));
    for (const op of reads) {
      const route: Route = { method: 'GET', template: op.slice('GET '.length), access: { kind: ADMIN_READS.includes(op) ? 'admin' : 'read' } };
      await expectAnonymousRefused('GET', fill(route));
      for (const role of ROLES) await expectRoleAnswer(route, role);
    }
  });
});

describe('site leads', () => {
  test('a site lead confirms readiness for its own site and the site moves on', async () => {
    const id = await rolloutAwaitingReadiness(rw, 'ST-001');
    const res = await call('POST', `/v1/rollouts/${id}/sites/ST-001/readiness`, `Bearer ${keys['site-lead']}`, readiness);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await waitFor(async () => {
      const { body } = await rw.http('GET', `/v1/rollouts/${id}/sites`);
      return body.items[0].state === 'succeeded';
    }, 60_000, 'ST-001 to succeed');
  });

  test("a site lead may not confirm another site's readiness, and nothing is recorded", async () => {
    const id = await rolloutAwaitingReadiness(rw, 'ST-002');
    const res = await call('POST', `/v1/rollouts/${id}/sites/ST-002/readiness`, `Bearer ${keys['site-lead']}`, readiness);
    expect(res.status).toBe(403);
    expectErrorBody(res.body, 'forbidden');
    expect(res.body.error.message).toContain('ST-001');
    const events = await rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
    expect(events.body.items.map((e: { type: string }) => e.type)).not.toContain('action.readiness');
  });
});

describe('readiness links', () => {
  test("the site lead's page calls answer to a readiness link's token, and no API key stands in for one", async () => {
    for (const op of BY_LINK) {
      const [method, path] = op.split(' ') as [string, string];
      for (const role of ROLES) {
        const res = await call(method, path, `Bearer ${keys[role]}`, method === 'POST' ? readiness : undefined);
        expect(res.status, `${role} ${op}`).toBe(400);
        expect(res.body.error.details[0].path).toBe('headers.x-readiness-token');
      }
    }
  });
});

describe('keys', () => {
  test('a revoked key stops working at once', async () => {
    const { id, key } = await createKey({ role: 'viewer', name: 'to revoke' });
    expect((await call('GET', '/v1/sites', `Bearer ${key}`)).status).toBe(200);
    expect((await rw.http('DELETE', `/v1/api-keys/${id}`)).status).toBe(204);
    const after = await call('GET', '/v1/sites', `Bearer ${key}`);
    expect(after.status).toBe(401);
    expectErrorBody(after.body, 'unauthorized');
    expect((await rw.http('DELETE', `/v1/api-keys/${id}`)).status).toBe(404);
  });

  test('keys are stored hashed, never as the secret', async () => {
    const { id, key } = await createKey({ role: 'viewer' });
    const rows = await rw.database.sql`select * from api_keys where id = ${id}`;
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  test('a site-lead key for a site code that is not well formed is refused', async () => {
    const res = await rw.http('POST', '/v1/api-keys', { role: 'site-lead', sites: ['../etc'] });
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 'invalid_request');
  });
});

describe('public endpoints', () => {
  test.each(['/healthz', '/readyz', '/openapi.json', '/docs', '/v1/schemas/plan.json'])('%s needs no key', async (path) => {
    const res = await fetch(rw.url + path);
    expect(res.status).toBe(200);
  });

  test('a public endpoint ignores a bad Authorization header', async () => {
    expect((await call('GET', '/healthz', 'Bearer nonsense')).status).toBe(200);
  });
});

describe('rate limiting', () => {
  /** A second app on the same database and server, with a limit small enough to reach in a test. */
  const appLimitedTo = (max: number) => rw.anotherApp({ rateLimit: { max, timeWindowMs: 60_000 } });

  test('a key over its rate limit gets 429 with Retry-After while other keys and health probes go on', async () => {
    const app = await appLimitedTo(3);
    try {
      const get = (path: string, key?: string) =>
        app.inject({ method: 'GET', url: path, headers: key ? { authorization: `Bearer ${key}` } : {} });
      for (let i = 0; i < 3; i++) {
        const allowed = await get('/v1/sites', keys.viewer);
        expect(allowed.statusCode).toBe(200);
        expect(allowed.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': String(2 - i) });
      }
      const limited = await get('/v1/sites', keys.viewer);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expectErrorBody(limited.json(), 'rate_limited');
      expect((await get('/v1/sites', keys.manager)).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) expect((await get('/healthz')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('the limit applies before the key is checked, so a refused key is limited too', async () => {
    const app = await appLimitedTo(2);
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await app.inject({ method: 'GET', url: '/v1/sites', headers: { authorization: 'Bearer rw_guess' } })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await app.close();
    }
  });
});

import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRollwave, type Rollwave } from '../support/harness';

let rw: Rollwave;
let doc: any;

beforeAll(async () => {
  rw = await startRollwave();
  const res = await rw.http('GET', '/openapi.json', undefined, { key: null });
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await rw?.close();
});

/**
 * Routes kept out of the contract on purpose: the documents themselves, the dashboard page, the site lead's page
 * (`/r`) and their files (the site lead's card both pages share is at `/readiness-page/site-card.js`), and
 * /metrics, Prometheus' format for scrapers rather than API clients. A new hidden route has to be named here, so
 * hiding one is a decision.
 */
const HIDDEN = [/^\/$/, /^\/dashboard(\/|$)/, /^\/r(\/|$)/, /^\/readiness-page\/site-card\.js$/, /^\/docs(\/|$)/, /^\/openapi\.json$/, /^\/metrics$/];

/** `METHOD /path` of every route the app serves, read from Fastify's route tree (HEAD is implied by GET). */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack.push(path);
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

test('/openapi.json is an OpenAPI 3 document that lists every route the app serves', () => {
  expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
  expect(typeof doc.info.title).toBe('string');
  expect(typeof doc.info.version).toBe('string');

  const served = registeredRoutes(rw.app.printRoutes({ commonPrefix: false }));
  expect(served).toContain('GET /v1/rollouts/:id/stream');
  const contract = served
    .filter((r) => !HIDDEN.some((h) => h.test(r.split(' ')[1]!)))
    .map((r) => {
      const [method, path] = r.split(' ');
      return `${method} ${path!.replace(/:(\w+)/g, '{$1}')}`;
    });
  const documented = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
    Object.keys(item).filter((k) => METHODS.includes(k)).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(documented.sort()).toEqual([...new Set(contract)].sort());
});

test('every operation is well formed: summary, responses with descriptions, declared path parameters', () => {
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths) as [string, any][]) {
    expect(path.startsWith('/')).toBe(true);
    for (const [method, op] of Object.entries(item).filter(([k]) => METHODS.includes(k)) as [string, any][]) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, `${where} summary`).toEqual(expect.any(String));
      expect(Object.keys(op.responses ?? {}).length, `${where} responses`).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(op.responses) as [string, any][]) {
        expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        expect(response.description, `${where} ${status} description`).toEqual(expect.any(String));
      }
      const params = (op.parameters ?? []) as { in: string; name: string; required?: boolean }[];
      for (const p of params) expect(['query', 'header', 'path', 'cookie'], where).toContain(p.in);
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(params.find((p) => p.in === 'path' && p.name === name), `${where} path parameter ${name}`).toMatchObject({ required: true });
      }
      if (op.operationId) {
        expect(operationIds.has(op.operationId), `${where} operationId unique`).toBe(false);
        operationIds.add(op.operationId);
      }
    }
  }
});

test('every $ref in the document resolves, and the bearer scheme it requires is defined', () => {
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) k === '$ref' && typeof v === 'string' ? refs.push(v) : walk(v);
    }
  };
  walk(doc);
  for (const ref of refs) {
    expect(ref, 'local reference').toMatch(/^#\//);
    const target = ref.slice(2).split('/').reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    expect(target, ref).toBeDefined();
  }
  for (const requirement of doc.security ?? []) {
    for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], scheme).toBeDefined();
  }
});

test('the interactive docs answer without a key', async () => {
  const res = await fetch(`${rw.url}/docs`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
});

/** The warnings of Redocly's recommended rules the document keeps, by rule and place, each with its reason. */
const ACCEPTED_WARNINGS: Record<string, string> = {
  'info-license #/info': 'Rollwave is not published under a licence (package.json is private and names none): the document claims none',
  'operation-4xx-response #/paths/~1healthz/get/responses': 'the liveness probe takes no input and needs no key',
  'operation-4xx-response #/paths/~1readyz/get/responses': 'the readiness probe takes no input and needs no key; it fails with a 503',
  'operation-4xx-response #/paths/~1v1~1schemas~1plan.json/get/responses': "the plan's JSON Schema takes no input and needs no key, for editors",
};

test("Redocly's recommended rules find no error in the document, and no warning but the accepted ones", async () => {
  // Tags are how the generated client groups its calls: one the document does not define is a typo.
  const config = await createConfig({ extends: ['recommended'], rules: { 'operation-tag-defined': 'error' } });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
  const found = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}`);
  const messages = problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join('\n');
  expect(found.sort(), messages).toEqual(Object.keys(ACCEPTED_WARNINGS).map((w) => `warn ${w}`).sort());
});

test('every operation has a camelCase operationId and one tag, and documents its 4xx answers in the one error shape', () => {
  for (const [path, item] of Object.entries(doc.paths) as [string, any][]) {
    for (const [method, op] of Object.entries(item).filter(([k]) => METHODS.includes(k)) as [string, any][]) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.tags, where).toHaveLength(1);
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => s.startsWith('4')) as [string, any][]) {
        const error = response.content['application/json'].schema.properties.error;
        expect(error.required, `${where} ${status}`).toEqual(['code', 'message', 'details']);
      }
    }
  }
});

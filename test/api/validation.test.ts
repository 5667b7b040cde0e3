/**
 * Malformed requests against every write endpoint: each is refused with API.md's error body, names the offending
 * field, and leaves the database as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRollwave, type Rollwave } from '../support/harness';
import { detailPaths, expectErrorBody, plan, rolloutAwaitingReadiness, rowCounts, site } from './api-support';

let rw: Rollwave;
/** A rollout whose ST-001 waits for readiness, created with Idempotency-Key IDEMPOTENCY_KEY. */
let rolloutId: string;
const IDEMPOTENCY_KEY = 'validation-suite-rollout';

beforeAll(async () => {
  rw = await startRollwave();
  const imported = await rw.http('POST', '/v1/sites/import', [site('ST-001'), site('ST-002'), site('ST-003', { region: 'west' })]);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  rolloutId = await rolloutAwaitingReadiness(rw, 'ST-001', IDEMPOTENCY_KEY);
});
afterAll(async () => {
  await rw?.close();
});

interface Case {
  name: string;
  method: 'PUT' | 'POST' | 'DELETE' | 'GET';
  /** `:rollout` stands for the id of the rollout created in beforeAll. */
  path: string;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Each must be the path of one of the error's details. */
  paths?: string[];
  /** Some detail's path must start with it (where exactly nesting becomes too deep is the server's choice). */
  pathPrefix?: string;
  message?: RegExp;
}

const MB = 1024 * 1024;
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const wave = (extra: Record<string, unknown> = {}) => ({ name: 'pilot', select: { codes: ['ST-002'] }, ...extra });
const csv = (...lines: string[]) => lines.join('\n');
const CSV_HEADER = 'code,name,region,timezone,tags,endpoint';

const siteCases: Case[] = [
  { name: 'a site sent as text/plain is unsupported', method: 'PUT', path: '/v1/sites/ST-100', body: 'name=x', contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'a site sent as a form is unsupported', method: 'PUT', path: '/v1/sites/ST-100', body: 'name=x', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
  { name: 'a site sent as CSV is unsupported (CSV is for imports)', method: 'PUT', path: '/v1/sites/ST-100', body: csv(CSV_HEADER, 'ST-100,A,east,UTC,,'), contentType: 'text/csv', status: 415, code: 'unsupported_media_type' },
  { name: 'a site body that is not valid JSON is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: '{"name": "A",', status: 400, code: 'invalid_request' },
  { name: 'an empty JSON body is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: '', contentType: 'application/json', status: 400, code: 'invalid_request' },
  { name: 'a JSON body carrying __proto__ is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: '{"name":"A","__proto__":{"admin":true}}', status: 400, code: 'invalid_request' },
  { name: 'a site body that is an array is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: [site('ST-100')], status: 400, code: 'invalid_request', paths: [''] },
  { name: 'a site with an unknown field is rejected naming the field', method: 'PUT', path: '/v1/sites/ST-100', body: { ...site('ST-100'), code: undefined, colour: 'red' }, status: 400, code: 'invalid_request', paths: ['colour'] },
  { name: 'a site repeating its code in the body is rejected (the path names it)', method: 'PUT', path: '/v1/sites/ST-100', body: site('ST-100'), status: 400, code: 'invalid_request', paths: ['code'] },
  { name: 'a site whose name is a number is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 42, region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request', paths: ['name'] },
  { name: 'a site whose tags are not a list is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: 'UTC', tags: 'pos' }, status: 400, code: 'invalid_request', paths: ['tags'] },
  { name: 'a site in an unknown timezone is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: 'Mars/Olympus_Mons' }, status: 400, code: 'invalid_request', paths: ['timezone'] },
  { name: 'a site with a raw UTC offset as timezone is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: '+08:00' }, status: 400, code: 'invalid_request', paths: ['timezone'] },
  { name: 'a site with an ftp endpoint is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: 'UTC', endpoint: 'ftp://files.example/ST-100' }, status: 400, code: 'invalid_request', paths: ['endpoint'] },
  { name: 'a site with a javascript: endpoint is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: 'UTC', endpoint: 'javascript:alert(1)' }, status: 400, code: 'invalid_request', paths: ['endpoint'] },
  { name: 'a site code with odd characters is rejected', method: 'PUT', path: `/v1/sites/${encodeURIComponent('bad code!')}`, body: { name: 'A', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request', paths: ['params.code'] },
  { name: 'a site code with a slash is rejected', method: 'PUT', path: `/v1/sites/${encodeURIComponent('a/b')}`, body: { name: 'A', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request', paths: ['params.code'] },
  { name: 'a site code of 65 characters is rejected', method: 'PUT', path: `/v1/sites/${'A'.repeat(65)}`, body: { name: 'A', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request', paths: ['params.code'] },
  { name: 'a site code longer than any route parameter is rejected with the error body', method: 'PUT', path: `/v1/sites/${'A'.repeat(500)}`, body: { name: 'A', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request' },
  { name: 'a path that is not valid percent-encoding is rejected with the error body', method: 'PUT', path: '/v1/sites/%E0%A4%A', body: { name: 'A', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request' },
  { name: 'a site code holding a NUL character is rejected', method: 'PUT', path: '/v1/sites/ST%00', body: { name: 'A', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request', paths: ['params.code'] },
  { name: 'a site name holding a NUL character is rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A\u0000B', region: 'east', timezone: 'UTC' }, status: 400, code: 'invalid_request', paths: ['name'] },
  { name: 'site attributes holding a NUL character are rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: 'UTC', attributes: { floor: { note: 'x\u0000' } } }, status: 400, code: 'invalid_request', paths: ['attributes.floor.note'] },
  { name: 'site attributes holding a lone surrogate are rejected', method: 'PUT', path: '/v1/sites/ST-100', body: { name: 'A', region: 'east', timezone: 'UTC', attributes: { label: 'x\ud800y' } }, status: 400, code: 'invalid_request', paths: ['attributes.label'] },
  { name: 'deeply nested site attributes are rejected', method: 'PUT', path: '/v1/sites/ST-100', body: `{"name":"A","region":"east","timezone":"UTC","attributes":{"nest":${deep(100_000)}}}`, status: 400, code: 'invalid_request', pathPrefix: 'attributes.nest' },
  { name: 'a body over the size limit is refused', method: 'PUT', path: '/v1/sites/ST-100', body: JSON.stringify({ name: 'A', region: 'east', timezone: 'UTC', attributes: { blob: 'x'.repeat(11 * MB) } }), status: 413, code: 'payload_too_large' },
];

const importCases: Case[] = [
  { name: 'an import that is a JSON object instead of an array is rejected', method: 'POST', path: '/v1/sites/import', body: site('ST-100'), status: 400, code: 'invalid_request' },
  { name: 'an empty import is rejected', method: 'POST', path: '/v1/sites/import', body: [], status: 400, code: 'invalid_request' },
  { name: 'an import row in an unknown timezone is rejected and nothing is written', method: 'POST', path: '/v1/sites/import', body: [site('ST-100'), site('ST-101', { timezone: 'Asia/Atlantis' })], status: 400, code: 'invalid_request', paths: ['[1].timezone'] },
  { name: 'an import repeating a code is rejected', method: 'POST', path: '/v1/sites/import', body: [site('ST-100'), site('ST-100')], status: 400, code: 'invalid_request', paths: ['[1].code'] },
  { name: 'an import row with an unknown field is rejected naming it', method: 'POST', path: '/v1/sites/import', body: [site('ST-100', { colour: 'red' })], status: 400, code: 'invalid_request', paths: ['[0].colour'] },
  { name: 'an import row with a bad code is rejected', method: 'POST', path: '/v1/sites/import', body: [site('-bad')], status: 400, code: 'invalid_request', paths: ['[0].code'] },
  { name: 'an import sent as text/plain is unsupported', method: 'POST', path: '/v1/sites/import', body: csv(CSV_HEADER, 'ST-100,A,east,UTC,,'), contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'an import sent as XML is unsupported', method: 'POST', path: '/v1/sites/import', body: '<sites/>', contentType: 'application/xml', status: 415, code: 'unsupported_media_type' },
  { name: 'a CSV row with an unknown timezone is rejected and nothing is written', method: 'POST', path: '/v1/sites/import', body: csv(CSV_HEADER, 'ST-100,A,east,UTC,,', 'ST-101,B,east,Moon/Base,,'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 2.timezone'] },
  { name: 'a CSV with an unclosed quote is rejected naming the row and column', method: 'POST', path: '/v1/sites/import', body: csv(CSV_HEADER, 'ST-100,"Store 100,east,UTC,,', 'ST-101,B,east,UTC,,'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 1.name'] },
  { name: 'a CSV without a code column is rejected', method: 'POST', path: '/v1/sites/import', body: csv('name,region,timezone', 'A,east,UTC'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 0.code'] },
  { name: 'a CSV with a duplicate column is rejected', method: 'POST', path: '/v1/sites/import', body: csv('code,name,name,region,timezone', 'ST-100,A,B,east,UTC'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 0.name'] },
  { name: 'a CSV repeating a code is rejected naming the second row', method: 'POST', path: '/v1/sites/import', body: csv(CSV_HEADER, 'ST-100,A,east,UTC,,', 'ST-100,B,east,UTC,,'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 2.code'] },
  { name: 'a CSV row with a javascript: endpoint is rejected', method: 'POST', path: '/v1/sites/import', body: csv(CSV_HEADER, 'ST-100,A,east,UTC,pos,javascript:alert(1)'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 1.endpoint'] },
  { name: 'a CSV row with more cells than the header is rejected', method: 'POST', path: '/v1/sites/import', body: csv('code,name,region,timezone', 'ST-100,A,east,UTC,extra'), contentType: 'text/csv', status: 400, code: 'invalid_request', paths: ['row 1'] },
  { name: 'a CSV cell holding a NUL character is rejected naming the cell', method: 'POST', path: '/v1/sites/import', body: csv(CSV_HEADER, 'ST-100,A\u0000,east,UTC,,'), contentType: 'text/csv; charset=utf-8', status: 400, code: 'invalid_request', paths: ['row 1.name'] },
  { name: 'a CSV with a header and no rows is rejected', method: 'POST', path: '/v1/sites/import', body: `${CSV_HEADER}\n`, contentType: 'text/csv', status: 400, code: 'invalid_request' },
  { name: 'an empty CSV is rejected', method: 'POST', path: '/v1/sites/import', body: '', contentType: 'text/csv', status: 400, code: 'invalid_request' },
];

const rolloutCases: Case[] = [
  { name: 'a plan sent as CSV is unsupported', method: 'POST', path: '/v1/rollouts', body: 'name,waves', contentType: 'text/csv', status: 415, code: 'unsupported_media_type' },
  { name: 'a plan that is not valid JSON is rejected', method: 'POST', path: '/v1/rollouts', body: '{"name": "x", "waves": [', status: 400, code: 'invalid_request' },
  { name: 'an empty plan is rejected naming every missing field', method: 'POST', path: '/v1/rollouts', body: {}, status: 400, code: 'invalid_request', paths: ['name', 'release', 'waves'] },
  { name: 'a plan without waves is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: undefined }), status: 400, code: 'invalid_request', paths: ['waves'] },
  { name: 'a plan with an empty wave list is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [] }), status: 400, code: 'invalid_request', paths: ['waves'] },
  { name: 'a wave with maxParallel 0 is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave(), wave({ name: 'national', maxParallel: 0 })] }), status: 400, code: 'invalid_request', paths: ['waves[1].maxParallel'] },
  { name: 'a wave with maxParallel 1e9 is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ maxParallel: 1e9 })] }), status: 400, code: 'invalid_request', paths: ['waves[0].maxParallel'] },
  { name: 'a wave with a fractional maxParallel is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ maxParallel: 2.5 })] }), status: 400, code: 'invalid_request', paths: ['waves[0].maxParallel'] },
  { name: 'a failure threshold of 101 percent is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ failureThreshold: { maxFailedPercent: 101 } })] }), status: 400, code: 'invalid_request', paths: ['waves[0].failureThreshold.maxFailedPercent'] },
  { name: 'a failure threshold with neither maxFailed nor maxFailedPercent is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ failureThreshold: { minCompleted: 3 } })] }), status: 400, code: 'invalid_request', paths: ['waves[0].failureThreshold'] },
  { name: 'a negative bake time is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ bakeSeconds: -1 })] }), status: 400, code: 'invalid_request', paths: ['waves[0].bakeSeconds'] },
  { name: 'an unknown approval mode is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ approval: 'sometimes' })] }), status: 400, code: 'invalid_request', paths: ['waves[0].approval'] },
  { name: 'a release without a version is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ release: {} }), status: 400, code: 'invalid_request', paths: ['release.version'] },
  { name: 'a release version that is a number is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ release: { version: 5.2 } }), status: 400, code: 'invalid_request', paths: ['release.version'] },
  { name: 'an unknown top-level plan field is rejected naming it', method: 'POST', path: '/v1/rollouts', body: plan({ priority: 'high' }), status: 400, code: 'invalid_request', paths: ['priority'] },
  { name: 'an unknown wave field is rejected naming it', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ parallel: 3 })] }), status: 400, code: 'invalid_request', paths: ['waves[0].parallel'] },
  { name: 'an empty wave selection is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ select: {} })] }), status: 400, code: 'invalid_request', paths: ['waves[0].select'] },
  { name: 'repeated wave names are rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave(), wave({ select: { codes: ['ST-003'] } })] }), status: 400, code: 'invalid_request', paths: ['waves[1].name'] },
  { name: 'a plan selecting no site is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ select: { regions: ['nowhere'] } })] }), status: 400, code: 'invalid_request', paths: ['waves'] },
  { name: 'a plan naming an unknown site code is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ select: { codes: ['ST-002', 'ST-404'] } })] }), status: 400, code: 'invalid_request', paths: ['waves[0].select.codes[1]'] },
  { name: 'a wave left with no site by earlier waves is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave(), wave({ name: 'again' })] }), status: 400, code: 'invalid_request', paths: ['waves[1].select'] },
  { name: 'a minTrainedPercent over 100 is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], training: { minTrainedPercent: 101 } }), status: 400, code: 'invalid_request', paths: ['training.minTrainedPercent'] },
  { name: 'an estimate that is not a duration is rejected naming the step', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], estimates: { data_load: '40 minutes' } }), status: 400, code: 'invalid_request', paths: ['estimates.data_load'] },
  { name: 'a preview with an estimate in hours and a fraction is rejected naming the step', method: 'POST', path: '/v1/rollouts/preview', body: plan({ waves: [wave()], estimates: { cutover: '1.5h' } }), status: 400, code: 'invalid_request', paths: ['estimates.cutover'] },
  { name: 'a cutover window that is not HH:MM is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], cutover: { window: { start: '25:00', end: '06:00' } } }), status: 400, code: 'invalid_request', paths: ['cutover.window.start'] },
  { name: 'an ftp endpoint template is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], gateway: { endpointTemplate: 'ftp://gw.example/{code}' } }), status: 400, code: 'invalid_request', paths: ['gateway.endpointTemplate'] },
  { name: 'a javascript: endpoint template is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], gateway: { endpointTemplate: 'javascript:alert("{code}")' } }), status: 400, code: 'invalid_request', paths: ['gateway.endpointTemplate'] },
  { name: 'an endpoint template without {code} is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], gateway: { endpointTemplate: 'http://gw.example/sites' } }), status: 400, code: 'invalid_request', paths: ['gateway.endpointTemplate'] },
  { name: 'a release config holding a NUL character is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()], release: { version: '1', config: { banner: 'a\u0000' } } }), status: 400, code: 'invalid_request', paths: ['release.config.banner'] },
  { name: 'a region holding a lone surrogate is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave({ select: { regions: ['\udc00'] } })] }), status: 400, code: 'invalid_request', paths: ['waves[0].select.regions[0]'] },
  { name: 'a deeply nested release config is rejected', method: 'POST', path: '/v1/rollouts', body: `{"name":"x","release":{"version":"1","config":{"deep":${deep(50_000)}}},"waves":[{"name":"w","select":{"all":true}}]}`, status: 400, code: 'invalid_request', pathPrefix: 'release.config.deep' },
  { name: 'an Idempotency-Key longer than 200 characters is rejected', method: 'POST', path: '/v1/rollouts', body: plan({ waves: [wave()] }), headers: { 'idempotency-key': 'k'.repeat(201) }, status: 400, code: 'invalid_request', paths: ['headers.idempotency-key'] },
  { name: 'an Idempotency-Key reused with another body is refused', method: 'POST', path: '/v1/rollouts', body: plan({ name: 'another plan' }), headers: { 'idempotency-key': IDEMPOTENCY_KEY }, status: 422, code: 'idempotency_key_reused' },
  { name: 'a preview sent as text/plain is unsupported', method: 'POST', path: '/v1/rollouts/preview', body: '{}', contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'a preview naming an unknown site code is rejected', method: 'POST', path: '/v1/rollouts/preview', body: plan({ waves: [wave({ select: { codes: ['NOPE-1'] } })] }), status: 400, code: 'invalid_request', paths: ['waves[0].select.codes[0]'] },
  { name: 'a preview repeating a wave name is rejected', method: 'POST', path: '/v1/rollouts/preview', body: plan({ waves: [wave(), wave()] }), status: 400, code: 'invalid_request', paths: ['waves[1].name'] },
  { name: 'a preview with an unknown field is rejected', method: 'POST', path: '/v1/rollouts/preview', body: plan({ waves: [wave({ select: { codes: ['ST-002'], zones: ['a'] } })] }), status: 400, code: 'invalid_request', paths: ['waves[0].select.zones'] },
];

const keyCases: Case[] = [
  { name: 'a key with an unknown role is rejected', method: 'POST', path: '/v1/api-keys', body: { role: 'root' }, status: 400, code: 'invalid_request', paths: ['role'] },
  { name: 'a key without a role is rejected', method: 'POST', path: '/v1/api-keys', body: { name: 'lead' }, status: 400, code: 'invalid_request', paths: ['role'] },
  { name: 'a site-lead key for a malformed site code is rejected', method: 'POST', path: '/v1/api-keys', body: { role: 'site-lead', sites: ['ST-001', 'no spaces'] }, status: 400, code: 'invalid_request', paths: ['sites[1]'] },
  { name: 'a key with an unknown field is rejected naming it', method: 'POST', path: '/v1/api-keys', body: { role: 'viewer', expires: '2030-01-01' }, status: 400, code: 'invalid_request', paths: ['expires'] },
  { name: 'a key with a blank name is rejected', method: 'POST', path: '/v1/api-keys', body: { role: 'viewer', name: '   ' }, status: 400, code: 'invalid_request', paths: ['name'] },
  { name: 'a key name holding a NUL character is rejected', method: 'POST', path: '/v1/api-keys', body: { role: 'viewer', name: 'a\u0000' }, status: 400, code: 'invalid_request', paths: ['name'] },
  { name: 'a key request sent as a form is unsupported', method: 'POST', path: '/v1/api-keys', body: 'role=admin', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
  { name: 'revoking an unknown key is not found', method: 'DELETE', path: '/v1/api-keys/key_0000000000000000', status: 404, code: 'not_found' },
];

const readiness = (extra: Record<string, unknown> = {}) => ({ confirmed: true, trainedStaff: 18, totalStaff: 20, ...extra });
const actionCases: Case[] = [
  { name: 'readiness below minTrainedPercent is rejected naming the shortfall', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ trainedStaff: 17 }), status: 400, code: 'invalid_request', paths: ['trainedStaff'], message: /85%.*90%.*1 more/ },
  { name: 'readiness with more trained than total staff is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ trainedStaff: 21 }), status: 400, code: 'invalid_request', paths: ['trainedStaff'] },
  { name: 'readiness that is not confirmed is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ confirmed: false }), status: 400, code: 'invalid_request', paths: ['confirmed'] },
  { name: 'readiness without totalStaff is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ totalStaff: undefined }), status: 400, code: 'invalid_request', paths: ['totalStaff'] },
  { name: 'readiness with no staff at all is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ trainedStaff: 0, totalStaff: 0 }), status: 400, code: 'invalid_request', paths: ['totalStaff'] },
  { name: 'readiness with negative staff is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ trainedStaff: -1 }), status: 400, code: 'invalid_request', paths: ['trainedStaff'] },
  { name: 'readiness with a note holding a NUL character is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: readiness({ trainedStaff: 20, note: 'ok\u0000' }), status: 400, code: 'invalid_request', paths: ['note'] },
  { name: 'readiness sent as text/plain is unsupported', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-001/readiness', body: 'confirmed', contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'readiness for a bad site code is rejected', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST*001/readiness', body: readiness(), status: 400, code: 'invalid_request', paths: ['params.code'] },
  { name: 'readiness for a site outside the rollout is not found', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-003/readiness', body: readiness(), status: 404, code: 'not_found' },
  { name: 'readiness for an unknown rollout is not found', method: 'POST', path: '/v1/rollouts/ro_unknown/sites/ST-001/readiness', body: readiness(), status: 404, code: 'not_found' },
  { name: 'pausing an unknown rollout is not found', method: 'POST', path: '/v1/rollouts/ro_unknown/pause', status: 404, code: 'not_found' },
  { name: 'launching an unknown wave is not found', method: 'POST', path: '/v1/rollouts/:rollout/waves/nope/launch', status: 404, code: 'not_found' },
  { name: 'skipping a site outside the rollout is not found', method: 'POST', path: '/v1/rollouts/:rollout/sites/ST-404/skip', status: 404, code: 'not_found' },
  { name: 'a rollout id holding a NUL character is rejected', method: 'POST', path: '/v1/rollouts/ro%00/abort', status: 400, code: 'invalid_request', paths: ['params.id'] },
];

const readCases: Case[] = [
  { name: 'a sites cursor holding a NUL character is rejected', method: 'GET', path: '/v1/sites?cursor=%00', status: 400, code: 'invalid_request', paths: ['querystring.cursor'] },
  { name: 'a rollouts cursor holding a NUL character is rejected', method: 'GET', path: '/v1/rollouts?cursor=a%00', status: 400, code: 'invalid_request', paths: ['querystring.cursor'] },
  { name: 'a rollout id holding a NUL character is rejected on reads', method: 'GET', path: '/v1/rollouts/%00', status: 400, code: 'invalid_request', paths: ['params.id'] },
  { name: 'an unknown rollout is not found', method: 'GET', path: '/v1/rollouts/ro_unknown', status: 404, code: 'not_found' },
];

async function send(c: Case) {
  const headers = { ...c.headers, ...(c.contentType ? { 'content-type': c.contentType } : {}) };
  return rw.http(c.method, c.path.replace(':rollout', rolloutId), c.body, { headers });
}

describe.each([
  ['PUT /v1/sites/{code}', siteCases],
  ['POST /v1/sites/import', importCases],
  ['POST /v1/rollouts and /preview', rolloutCases],
  ['/v1/api-keys', keyCases],
  ['actions', actionCases],
  ['reads', readCases],
])('%s', (_group, cases) => {
  test.each(cases)('$name', async (c) => {
    const before = await rowCounts(rw);
    const res = await send(c);
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    expectErrorBody(res.body, c.code);
    for (const path of c.paths ?? []) expect(detailPaths(res.body)).toContain(path);
    if (c.pathPrefix) expect(detailPaths(res.body).some((p) => p?.startsWith(c.pathPrefix!)), JSON.stringify(res.body)).toBe(true);
    if (c.message) expect(res.body.error.message).toMatch(c.message);
    expect(await rowCounts(rw)).toEqual(before);
  });
});

test('the validation table covers at least 40 malformed writes', () => {
  const writes = [siteCases, importCases, rolloutCases, keyCases, actionCases].flat();
  expect(writes.length).toBeGreaterThanOrEqual(40);
});

describe('accepted edge cases', () => {
  test('a CSV with a leading byte-order mark is accepted and the mark stripped from the first column', async () => {
    const res = await rw.http('POST', '/v1/sites/import', `\uFEFF${csv(CSV_HEADER, 'BOM-1,Bom store,north,Europe/Paris,pos|eu,https://bom.example/api')}`, {
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 0 });
    const listed = await rw.http('GET', '/v1/sites?region=north');
    expect(listed.body.items).toMatchObject([{ code: 'BOM-1', timezone: 'Europe/Paris', tags: ['pos', 'eu'], endpoint: 'https://bom.example/api' }]);
  });

  test('a CSV import of 10,000 sites fits within the body limit', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `BULK-${i},Bulk store number ${i} on the high street,bulk,America/New_York,pos|bulk|us,https://bulk-${i}.stores.example.com/integration`);
    const res = await rw.http('POST', '/v1/sites/import', csv(CSV_HEADER, ...lines), { headers: { 'content-type': 'text/csv' } });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toEqual({ created: 10_000, updated: 0 });
  });

  test('the same Idempotency-Key and body return the existing rollout', async () => {
    const before = await rowCounts(rw);
    const again = await rw.http('POST', '/v1/rollouts', plan({ waves: [{ name: 'pilot', select: { codes: ['ST-001'] } }] }), {
      headers: { 'idempotency-key': IDEMPOTENCY_KEY },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.id).toBe(rolloutId);
    expect(await rowCounts(rw)).toEqual(before);
  });
});

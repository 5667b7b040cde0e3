/**
 * The `rollwave` command line (CLI.md) run as a user runs it, against a real Rollwave: what it prints, what its
 * --json says, and its exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_KEY, waitFor } from '../support/harness';
import { useRollwave, waitForSite, waitForStatus } from '../support/scenario';
import { buildCli, type Cli } from './run-cli';

const s = useRollwave();
let cli: Cli;
let dir: string;

beforeAll(async () => {
  [cli, dir] = await Promise.all([buildCli(s.rw.url, ADMIN_KEY), mkdtemp(join(tmpdir(), 'rollwave-cli-files-'))]);
});
afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const json = (text: string) => JSON.parse(text);

describe('help', () => {
  test('--help lists every command with one line each, loading no command\'s code; a reader that stops early ends it quietly', async () => {
    // Start-up is measured in BENCHMARKS.md; here, what keeps it short: the entry reaches each command only through a
    // dynamic import(), so `--help` loads commander and nothing else.
    const entry = await readFile(cli.bin, 'utf8');
    const loadedAtStart = [...entry.matchAll(/from "\.\/chunks\/([^"]+)"/g)].map((m) => m[1]);
    expect(loadedAtStart.filter((chunk) => !chunk!.startsWith('chunk-')), 'only chunks shared by commands load at start').toEqual([]);
    expect(entry.match(/import\("\.\/chunks\//g)?.length).toBeGreaterThanOrEqual(10);
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    const out = help.stdout;
    for (const command of [
      'sites import <file>', 'sites list', 'plan check <file>', 'rollout create', 'rollout list', 'rollout show <id>', 'watch <id>',
      'launch <id> <wave>', 'pause <id>', 'resume <id>', 'abort <id>', 'site retry <id> <code>', 'site rollback <id> <code>',
      'site skip <id> <code>', 'wave rollback <id> <wave>', 'readiness [options] <id> <code>', 'report [options] <id>', 'keys create',
      'keys revoke <id>',
    ]) expect(out).toMatch(new RegExp(`^  ${command.replace(/[[\]]/g, '\\$&')}.* [a-z].*$`, 'm'));
    expect(out).not.toMatch(/agent/);
    const closed = spawn(process.execPath, [cli.bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    closed.stdout.destroy();
    let stderr = '';
    closed.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise((resolve) => closed.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  test('every command has --help with an example', async () => {
    const commands = [['sites', 'import'], ['sites', 'list'], ['plan', 'check'], ['rollout', 'create'], ['rollout', 'list'], ['rollout', 'show'], ['watch'], ['launch'], ['pause'], ['resume'], ['abort'], ['site', 'retry'], ['site', 'rollback'], ['site', 'skip'], ['wave', 'rollback'], ['readiness'], ['report'], ['keys', 'create'], ['keys', 'revoke']];
    const runs = await Promise.all(commands.map((c) => cli.run([...c, '--help'])));
    runs.forEach((run, i) => {
      expect(run.code, commands[i]!.join(' ')).toBe(0);
      expect(run.stdout).toContain(`$ rollwave ${commands[i]!.join(' ')}`);
      expect(run.stdout).toContain('--json');
    });
  });

  test('an unknown command or flag is a usage error: exit 2', async () => {
    const unknown = await cli.run(['deploy', 'everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'deploy'");
    const flag = await cli.run(['rollout', 'list', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--colour'");
  });
});

describe('sites', () => {
  test('a CSV with bad rows is refused whole, every bad row printed: exit 1', async () => {
    const csv = await file(
      'bad.csv',
      'code,name,region,timezone,tags,endpoint\nCB-001,Store 1,east,Asia/Shanghai,,\nCB-002,Store 2,east,Mars/Olympus,,\nCB-001,Again,east,Asia/Shanghai,,\n',
    );
    const run = await cli.run(['sites', 'import', csv]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*nothing was written/m);
    expect(run.stderr, run.stderr).toMatch(/^ {2}row 2, timezone: .*IANA/m);
    expect(run.stderr).toMatch(/^ {2}row 3, code: duplicate code "CB-001"/m);
    expect(run.stdout).toBe('');

    const asJson = await cli.run(['sites', 'import', csv, '--json']);
    expect(asJson.code).toBe(1);
    const body = json(asJson.stdout);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.map((d: { row: number }) => d.row)).toEqual([2, 3]);
    expect((await s.rw.http('GET', '/v1/sites?region=east')).body.items).toEqual([]);
  });

  test('a CSV and a JSON array are imported, then listed on every page', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => `CL-00${i + 1},Store ${i + 1},cli,Asia/Shanghai,mall|24h,`);
    const run = await cli.run(['sites', 'import', await file('sites.csv', `code,name,region,timezone,tags,endpoint\n${rows.join('\n')}\n`)]);
    expect(run).toMatchObject({ code: 0, stdout: '3 created, 0 updated\n' });
    const again = await cli.run(['sites', 'import', await file('sites.json', JSON.stringify([{ code: 'CL-001', name: 'Store one', region: 'cli', timezone: 'Asia/Shanghai', tags: [] }])), '--json']);
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toEqual({ created: 0, updated: 1 });

    const list = await cli.run(['sites', 'list', '--region', 'cli', '--json']);
    expect(list.code).toBe(0);
    expect(json(list.stdout).items.map((x: { code: string }) => x.code)).toEqual(['CL-001', 'CL-002', 'CL-003']);
    const table = await cli.run(['sites', 'list', '--tag', 'mall']);
    expect(table.stdout).toMatch(/CL-002 .*Store 2 .*cli .*Asia\/Shanghai .*mall\|24h/);
    expect(table.stdout).toContain('2 sites');
  });

  test('a file that cannot be read is a usage error: exit 2', async () => {
    const run = await cli.run(['sites', 'import', join(dir, 'missing.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: cannot read .*missing\.csv: ENOENT/m);
  });
});

const planYaml = (region: string, extra = '') => `# yaml-language-server: $schema=http://127.0.0.1:3000/v1/schemas/plan.json
name: CLI rollout ${region}
release:
  version: 5.2.0
waves:
  - name: pilot
    select: { codes: [${region}-001] }
    maxParallel: 1
  - name: rest
    select: { regions: [${region}] }
    maxParallel: 5
    approval: manual
gateway:
  endpointTemplate: "${s.fleet.endpointTemplate}"
${extra}`;

describe('plans and rollouts', () => {
  beforeAll(async () => {
    const sites = ['001', '002', '003'].map((n) => ({ code: `PL-${n}`, name: `Store ${n}`, region: 'PL', timezone: 'Europe/Paris', tags: [] }));
    expect((await s.rw.http('POST', '/v1/sites/import', sites)).status).toBe(200);
  });

  test('a plan with a YAML error names the file and line: exit 2, nothing sent', async () => {
    const path = await file('broken.yaml', 'name: broken\nwaves:\n  - name: pilot\n    select: { regions: [east]\n');
    const run = await cli.run(['plan', 'check', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^  ${path}:[45]:\\d+: Flow map`, 'm'));
  });

  test('a plan that breaks the schema names the file, line and field of each problem: exit 1', async () => {
    const path = await file('invalid.yaml', planYaml('PL').replace('maxParallel: 5', 'maxParallel: 0').replace('version: 5.2.0', 'version: 5.2.0\n  colour: blue'));
    const run = await cli.run(['plan', 'check', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nothing was sent/);
    expect(run.stderr).toContain(`  ${path}:5:3: release.colour: is not a known field`);
    expect(run.stderr).toMatch(new RegExp(`^  ${path}:12:5: waves\\[1\\]\\.maxParallel: .*>=1`, 'm'));
    const asJson = json((await cli.run(['plan', 'check', path, '--json'])).stdout);
    expect(asJson.error.code).toBe('invalid_plan');
    expect(asJson.error.details).toContainEqual({ file: path, line: 5, column: 3, path: 'release.colour', message: 'is not a known field' });
  });

  test('plan check previews the waves; the server refuses what only it can know: exit 1', async () => {
    const path = await file('plan.yaml', planYaml('PL'));
    const run = await cli.run(['plan', 'check', path]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${path}: valid; 3 sites in 2 waves`);
    expect(run.stdout).toMatch(/pilot .*1 .*PL-001/);
    expect(run.stdout).toMatch(/rest .*2 .*PL-002, PL-003/);
    expect(run.stdout).toMatch(/^projected completion if started now: \d{4}-\d\d-\d\dT/m);
    expect(run.stdout).toMatch(/^ {2}config_push: \d+s per site \((plan|history|default)/m);
    const asJson = json((await cli.run(['plan', 'check', path, '--json'])).stdout);
    expect(asJson.waves.map((w: { name: string; sites: string[] }) => [w.name, w.sites])).toEqual([['pilot', ['PL-001']], ['rest', ['PL-002', 'PL-003']]]);

    const nobody = await cli.run(['plan', 'check', await file('nobody.json', JSON.stringify({ name: 'x', release: { version: '1' }, waves: [{ name: 'w', select: { regions: ['nowhere'] } }] }))]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^error: /m);
  });

  test('a rollout is created from a plan, listed, shown and driven through every action', async () => {
    const path = await file('rollout.yaml', planYaml('PL', 'training:\n  requireReadiness: true\n  minTrainedPercent: 80\n'));
    const created = await cli.run(['rollout', 'create', path, '--idempotency-key', 'cli-create-1']);
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^\S+$/);
    const again = await cli.run(['rollout', 'create', path, '--idempotency-key', 'cli-create-1', '--json']);
    expect(json(again.stdout)).toMatchObject({ id });
    await waitForSite(s.rw, id, 'PL-001', 'awaiting_readiness');
    expect((await cli.run(['readiness', id, 'PL-001', '--trained', '10', '--total', '10'])).code).toBe(0);

    await waitForStatus(s.rw, id, 'awaiting_approval');
    const shown = await cli.run(['rollout', 'show', id]);
    expect(shown.stdout).toMatch(/status: awaiting_approval/);
    expect(shown.stdout).toMatch(/pilot .*completed .*auto .*1\/1 .*succeeded 1/);
    expect(json((await cli.run(['rollout', 'show', id, '--json'])).stdout)).toMatchObject({ id, status: 'awaiting_approval', totals: { sites: 3, succeeded: 1 } });
    const listed = json((await cli.run(['rollout', 'list', '--status', 'awaiting_approval', '--json'])).stdout);
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await cli.run(['rollout', 'list'])).stdout).toContain(id);

    // Readiness may come before a site reaches training; below minTrainedPercent it is refused.
    const short = await cli.run(['readiness', id, 'PL-002', '--trained', '5', '--total', '10']);
    expect(short.code).toBe(1);
    for (const code of ['PL-002', 'PL-003']) {
      const ready = await cli.run(['readiness', id, code, '--trained', '9', '--total', '10', '--note', 'one on leave']);
      expect(ready.code, ready.stderr).toBe(0);
      expect(ready.stdout).toContain(`readiness of ${code} in ${id} confirmed: 9/10 trained`);
    }

    s.fleet.behave('PL-003', { fail: { config_push: { status: 422, message: 'till offline' } } });
    const launched = await cli.run(['launch', id, 'rest', '--json']);
    expect(launched.code, launched.stderr).toBe(0);
    expect(json(launched.stdout)).toMatchObject({ id, wave: { name: 'rest' } });
    await waitForSite(s.rw, id, 'PL-003', 'failed');

    expect((await cli.run(['pause', id])).stdout).toContain(`rollout ${id}: paused`);
    const twice = await cli.run(['pause', id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^error: .*paused/m);
    expect((await cli.run(['resume', id])).code).toBe(0);

    s.fleet.reset('PL-003');
    const retried = await cli.run(['site', 'retry', id, 'PL-003', '--json']);
    expect(json(retried.stdout)).toMatchObject({ site: { code: 'PL-003' } });
    await waitForStatus(s.rw, id, 'completed');
    expect((await cli.run(['site', 'retry', id, 'PL-003'])).code).toBe(1);

    const report = await cli.run(['report', id, '--json']);
    expect(json(report.stdout)).toMatchObject({ rolloutId: id, failed: 1 });
    const csv = await cli.run(['report', id, '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/till offline/);
    expect((await cli.run(['report', id, '--csv', '--json'])).code).toBe(2);
  });

  test('site skip and rollback, wave rollback and abort', async () => {
    const path = await file('skip.yaml', planYaml('PL').replace('approval: manual', 'approval: manual\n    bakeSeconds: 0').replace('CLI rollout PL', 'CLI actions PL'));
    const id = (await cli.run(['rollout', 'create', path])).stdout.trim();
    await waitForStatus(s.rw, id, 'awaiting_approval');
    const skipped = await cli.run(['site', 'skip', id, 'PL-002']);
    expect(skipped.stdout).toContain('site PL-002: skipped');
    const rolledBack = await cli.run(['site', 'rollback', id, 'PL-001', '--json']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    await waitForSite(s.rw, id, 'PL-001', 'rolled_back');
    const wave = await cli.run(['wave', 'rollback', id, 'pilot']);
    expect(wave.code).toBe(1);
    expect(wave.stderr).toMatch(/^error: /m);
    const aborted = await cli.run(['abort', id, '--json']);
    expect(json(aborted.stdout)).toMatchObject({ id, status: 'aborted' });
  });
});

describe('keys and exit codes', () => {
  test('an admin creates a key that works at once, and revokes it', async () => {
    const created = await cli.run(['keys', 'create', '--role', 'viewer', '--name', 'wall screen', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const key = json(created.stdout);
    expect(key).toMatchObject({ role: 'viewer' });
    const asViewer = await cli.run(['rollout', 'list', '--json'], { ROLLWAVE_KEY: key.key });
    expect(asViewer.code).toBe(0);
    const refused = await cli.run(['keys', 'create', '--role', 'viewer', '--name', 'x'], { ROLLWAVE_KEY: key.key });
    expect(refused.code).toBe(1);
    expect((await cli.run(['keys', 'revoke', key.id])).stdout).toContain(`key ${key.id} revoked`);
    await waitFor(async () => (await cli.run(['rollout', 'list'], { ROLLWAVE_KEY: key.key })).code === 1, 10_000, 'the key to stop working');
    expect((await cli.run(['keys', 'create', '--role', 'boss', '--name', 'x'])).code).toBe(2);
  });

  test('a server that cannot be reached: exit 4', async () => {
    const run = await cli.run(['rollout', 'list', '--url', 'http://127.0.0.1:1', '--json']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:1/m);
    expect(json(run.stdout).error.code).toBe('unreachable');
  });

  test('a server that answers 5xx: exit 4', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'database_unavailable', message: 'the database is unavailable', details: [] } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const run = await cli.run(['rollout', 'show', 'x', '--url', `http://127.0.0.1:${port}`]);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('error: the database is unavailable');
    } finally {
      server.close();
    }
  });
});

/** The import rules (.dependency-cruiser.cjs, run over the whole tree by `npm test`) catch each wrong-way import. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const depcruise = fileURLToPath(new URL('../node_modules/.bin/depcruise', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/wrong-way/', import.meta.url));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

test('a tree whose imports point the wrong way fails the rules, each import named with its rule', async () => {
  const run = promisify(execFile)(depcruise, ['--config', '../../../.dependency-cruiser.cjs', '--output-type', 'json', 'src', 'workflows', 'activities', 'db', 'domain', 'bench', 'test'], {
    cwd: FIXTURE,
    maxBuffer: 16 * 1024 * 1024,
  });
  // Violations make depcruise exit non-zero; its JSON report is on stdout either way.
  const { stdout } = await run.catch((err: { stdout: string }) => err);
  const violations = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
  const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1')}`);
  expect(found.sort()).toEqual(
    [
      'activities-below-the-application: activities/imports-workflow.ts → workflows/imports-zod.ts',
      'bench-does-not-use-tests: bench/imports-test.ts → test/fixture.ts',
      'cli-through-http-only: src/cli/imports-server.ts → src/config.ts',
      'db-below-the-application: db/imports-src.ts → src/config.ts',
      'domain-is-pure: domain/lenient.ts → src/config.ts',
      'http-stays-in-the-api: src/rollouts/imports-http.ts → src/api/errors.ts',
      'workflows-sandboxed: workflows/imports-zod.ts → src/config.ts',
      'workflows-sandboxed: workflows/imports-zod.ts → zod',
    ].sort(),
  );
});

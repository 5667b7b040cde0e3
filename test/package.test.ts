/** package.json tells the truth about what the project runs on and what it imports. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; engines?: { node?: string } };

/** Every installed package's directory, nested copies included. */
function installed(modules: string): string[] {
  return readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const dir = join(modules, entry.name);
      if (entry.name.startsWith('@')) return installed(dir);
      const nested = join(dir, 'node_modules');
      return [dir, ...(readdirSync(dir).includes('node_modules') ? installed(nested) : [])];
    });
}

test("engines.node promises only Node versions that every installed package supports (npm ci warns of none)", () => {
  const ours = manifest(ROOT).engines?.node;
  expect(ours).toBeDefined();
  const unsupported = installed(join(ROOT, 'node_modules'))
    .flatMap((dir) => {
      try {
        return [manifest(dir)];
      } catch {
        return [];
      }
    })
    .filter((pkg) => pkg.engines?.node && semver.validRange(pkg.engines.node) && !semver.subset(ours!, pkg.engines.node))
    .map((pkg) => `${pkg.name}@${pkg.version} needs node ${pkg.engines!.node}`);
  expect(unsupported).toEqual([]);
  expect(semver.satisfies(process.version, ours!)).toBe(true);
});

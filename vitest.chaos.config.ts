/**
 * `npm run test:chaos`: every survival test (test/survival), which kill and restart processes and servers. The
 * two that take minutes (worker-crash: a SIGKILLed worker's activities wait out their heartbeat timeout;
 * dependency-restarts) run only here; `npm test` runs the others too.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/survival/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // One at a time: each runs its own servers and processes, and they time crashes against each other's load.
    fileParallelism: false,
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});

import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    // Survival tests that take minutes (a SIGKILLed worker's activities wait out their timeouts) run only with
    // `npm run test:chaos`, which runs every test in test/survival.
    // And rollouts that take minutes run only with `npm run test:scale`.
    exclude: [...configDefaults.exclude, 'test/survival/worker-crash.test.ts', 'test/survival/dependency-restarts.test.ts', 'test/scale/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

/**
 * `npm run test:scale`: rollouts large enough to take minutes (a 1,000-site wave that continues as new on the way).
 * `npm test` leaves them out to keep CI short; replay of a recorded continue-as-new stays in it.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/scale/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});

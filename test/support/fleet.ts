/** Kept for test/histories/record.ts; tests and the bench import the fleet from src/dev/site-fleet.ts. */
export { startFleet } from '../../src/dev/site-fleet';

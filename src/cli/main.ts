/**
 * `rollwave`, the command line of CLI.md. Only commander loads at start-up: each command imports what it needs
 * when it runs, so `--help` answers at once. Built into dist/rollwave.mjs (`npm run build:cli`, also on `npm ci`).
 */
import { Command, CommanderError, Help, Option } from 'commander';
import type { Context, GlobalOptions } from './context';
import { CliExit, detailLine, EXIT } from './exit';

const program = new Command('rollwave')
  .description('Plan, start and watch Rollwave rollouts from a terminal, through the Rollwave HTTP API.')
  .option('--url <url>', 'API base URL (env ROLLWAVE_URL)')
  .option('--key <key>', 'API key (env ROLLWAVE_KEY)')
  .option('--json', 'machine-readable output on stdout, nothing else there')
  // The build (scripts/build-cli.mjs) writes package.json's version in place of the variable.
  .version(process.env.ROLLWAVE_CLI_VERSION ?? 'dev', '-V, --version')
  .addHelpText(
    'after',
    `
Exit codes: 0 done; 1 the API refused (or a plan breaks the plan schema); 2 usage error (unknown command or
flag, unreadable file, not YAML/JSON); 3 watch ended on a halted or aborted rollout; 4 the server cannot be
reached or answered 5xx; 130 watch left by Ctrl-C (the rollout goes on).

Example:
  $ export ROLLWAVE_URL=http://127.0.0.1:3000 ROLLWAVE_KEY=…
  $ rollwave plan check plan.yaml && rollwave rollout create plan.yaml`,
  );

/** The root's help lists every command down to the leaves, one line each, with its parents' names. */
class TreeHelp extends Help {
  override visibleCommands(cmd: Command): Command[] {
    const own = super.visibleCommands(cmd);
    if (cmd.parent) return own;
    const leaves = (c: Command): Command[] => {
      const subs = super.visibleCommands(c).filter((s) => s.name() !== 'help');
      return subs.length === 0 ? [c] : subs.flatMap(leaves);
    };
    return own.flatMap((c) => (c.name() === 'help' ? [c] : leaves(c)));
  }
  override subcommandTerm(cmd: Command): string {
    const names: string[] = [];
    for (let c: Command | null = cmd.parent; c?.parent; c = c.parent) names.unshift(c.name());
    return [...names, super.subcommandTerm(cmd)].join(' ');
  }
}
program.createHelp = () => Object.assign(new TreeHelp(), program.configureHelp());
program.configureHelp({ showGlobalOptions: true });
program.exitOverride();
program.showHelpAfterError('(add --help for the usage)');

/**
 * Runs a command with the connection the global options give; `load` imports its module only then. Commander's
 * options are untyped: each command names the ones it declared.
 */
function action<O extends Record<string, any>>(load: () => Promise<(ctx: Context, args: string[], opts: O) => Promise<void>>) {
  return async function (this: Command, ...received: unknown[]) {
    const cmd = received.at(-1) as Command;
    const args = cmd.processedArgs as string[];
    const { contextOf } = await import('./context');
    const ctx = contextOf(cmd.optsWithGlobals() as GlobalOptions);
    await (await load())(ctx, args, cmd.opts<O>());
  };
}

/** Each command's line in the root's help (its own --help gives the whole description), and its examples. */
const SUMMARIES: Record<string, string> = {
  'sites import': 'import sites from a CSV or JSON file',
  'sites list': 'list sites as a table',
  'plan check': 'check a plan file; preview its waves and end',
  'rollout create': 'start a rollout from a plan file',
  'rollout list': 'list rollouts with status and counts',
  'rollout show': 'show a rollout: status, waves, counts',
  watch: 'follow a rollout live until it ends',
  launch: 'launch a wave that awaits approval',
  pause: 'pause a rollout',
  resume: 'resume a paused or halted rollout',
  abort: 'abort a rollout',
  'site retry': 're-run a failed site from its failed step',
  'site rollback': "undo a site's completed steps",
  'site skip': 'give up on a failed or pending site',
  'wave rollback': 'roll back the sites of a wave',
  readiness: "confirm a site's staff are trained",
  report: "a day's summary of a rollout",
  'keys create': 'create an API key (admin)',
  'keys revoke': 'revoke an API key (admin)',
};

function example(cmd: Command, ...lines: string[]) {
  const path = cmd.parent?.parent ? `${cmd.parent.name()} ${cmd.name()}` : cmd.name();
  const summary = SUMMARIES[path];
  if (summary) cmd.summary(summary);
  return cmd.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`);
}

const sites = program.command('sites').description('the sites rollouts go to');
example(
  sites
    .command('import')
    .description('import sites from CSV (code,name,region,timezone,tags,endpoint) or a JSON array; all or nothing')
    .argument('<file>', '.csv, or .json with an array of sites')
    .action(action(async () => (await import('./commands/sites')).importSites)),
  'rollwave sites import stores.csv',
);
example(
  sites
    .command('list')
    .description('list sites (every page) as a table')
    .option('--region <region>', 'only this region')
    .option('--tag <tag>', 'only sites with this tag')
    .action(action(async () => (await import('./commands/sites')).listSites)),
  'rollwave sites list --region east',
);

const plan = program.command('plan').description('plan files');
example(
  plan
    .command('check')
    .description('check a plan file locally, then preview it on the server: waves, sites per wave, projected completion')
    .argument('<file>', 'plan in YAML or JSON, the body of POST /v1/rollouts')
    .action(action(async () => (await import('./commands/plan')).checkPlan)),
  'rollwave plan check plan.yaml',
);

const rollout = program.command('rollout').description('rollouts');
example(
  rollout
    .command('create')
    .description('check a plan file and start the rollout; prints its id')
    .argument('<file>', 'plan in YAML or JSON')
    .option('--idempotency-key <key>', 'the same key and plan give back the same rollout instead of a second one')
    .action(action(async () => (await import('./commands/rollout')).createRollout)),
  'rollwave rollout create plan.yaml --idempotency-key pos-5.2',
);
example(
  rollout
    .command('list')
    .description('list rollouts (every page): status and counts')
    .addOption(new Option('--status <status>', 'only rollouts in this status').choices(['running', 'awaiting_approval', 'paused', 'halted', 'completed', 'aborted']))
    .action(action(async () => (await import('./commands/rollout')).listRollouts)),
  'rollwave rollout list --status running',
);
example(
  rollout
    .command('show')
    .description("show a rollout: status, waves, counts by state")
    .argument('<id>', 'rollout id')
    .action(action(async () => (await import('./commands/rollout')).showRollout)),
  'rollwave rollout show ro_123',
);

example(
  program
    .command('watch')
    .description('follow a rollout live: a bar per wave, counts, time left, latest failures; exits 0 completed, 3 halted/aborted')
    .argument('<id>', 'rollout id')
    .action(action(async () => (await import('./commands/watch')).watchRollout)),
  'rollwave watch ro_123',
  'rollwave watch ro_123 | tee rollout.log      # one line per change when not a terminal',
);

example(
  program
    .command('launch')
    .description('launch a wave that awaits approval')
    .argument('<id>', 'rollout id')
    .argument('<wave>', 'wave name')
    .action(action(async () => (await import('./commands/actions')).launchWave)),
  'rollwave launch ro_123 national',
);
for (const [name, description] of [
  ['pause', 'pause a rollout: no new site starts; running sites finish their run'],
  ['resume', 'resume a paused or halted rollout'],
  ['abort', 'abort a rollout: nothing new starts; nothing is rolled back unless asked'],
] as const) {
  example(
    program
      .command(name)
      .description(description)
      .argument('<id>', 'rollout id')
      .action(action(async () => (await import('./commands/actions')).rolloutAction(name))),
    `rollwave ${name} ro_123`,
  );
}

const site = program.command('site').description("a site's actions in a rollout");
for (const [name, description] of [
  ['retry', 're-run a failed site from its failed step'],
  ['rollback', "undo a failed or succeeded site's completed steps"],
  ['skip', 'give up on a failed or pending site for this rollout'],
] as const) {
  example(
    site
      .command(name)
      .description(description)
      .argument('<id>', 'rollout id')
      .argument('<code>', 'site code')
      .action(action(async () => (await import('./commands/actions')).siteAction(name))),
    `rollwave site ${name} ro_123 ST-042`,
  );
}
const wave = program.command('wave').description("a wave's actions in a rollout");
example(
  wave
    .command('rollback')
    .description('roll back every succeeded or failed site of a wave')
    .argument('<id>', 'rollout id')
    .argument('<wave>', 'wave name')
    .action(action(async () => (await import('./commands/actions')).rollbackWave)),
  'rollwave wave rollback ro_123 pilot',
);

const count = (value: string) => {
  if (!/^\d+$/.test(value)) throw new CommanderError(EXIT.usage, 'rollwave.invalidArgument', `error: "${value}" is not a whole number`);
  return Number(value);
};
example(
  program
    .command('readiness')
    .description("confirm a site's staff are trained (a site lead's confirmation)")
    .argument('<id>', 'rollout id')
    .argument('<code>', 'site code')
    .requiredOption('--trained <n>', 'staff trained', count)
    .requiredOption('--total <n>', 'staff in all', count)
    .option('--note <text>', 'a note for the audit trail')
    .action(action(async () => (await import('./commands/actions')).confirmReadiness)),
  'rollwave readiness ro_123 ST-042 --trained 18 --total 20 --note "two on leave"',
);

example(
  program
    .command('report')
    .description("a day's summary: sites started, succeeded, failed, rolled back; failures by step and error")
    .argument('<id>', 'rollout id')
    .option('--date <YYYY-MM-DD>', 'the UTC day (default today)')
    .option('--csv', 'the report as CSV (not with --json)')
    .action(action(async () => (await import('./commands/report')).showReport)),
  'rollwave report ro_123 --date 2026-12-01 --csv > report.csv',
);

const keys = program.command('keys').description('API keys (admin)');
example(
  keys
    .command('create')
    .description('create an API key; its secret is shown once')
    .addOption(new Option('--role <role>', 'what the key may do').choices(['admin', 'manager', 'site-lead', 'viewer']).makeOptionMandatory())
    .option('--sites <codes>', "a site lead's sites, comma-separated (A,B)")
    .requiredOption('--name <name>', 'who or what uses the key')
    .action(action(async () => (await import('./commands/keys')).createKey)),
  'rollwave keys create --role site-lead --sites SH-001,SH-002 --name "Mei Lin"',
);
example(
  keys
    .command('revoke')
    .description('revoke an API key at once')
    .argument('<id>', 'key id (not the secret)')
    .action(action(async () => (await import('./commands/keys')).revokeKey)),
  'rollwave keys revoke key_123',
);

function fail(err: unknown, json: boolean): number {
  if (err instanceof CliExit) {
    if (json) process.stdout.write(`${JSON.stringify(err.body, null, 2)}\n`);
    process.stderr.write(`error: ${err.message}\n${err.details.map((d) => `  ${detailLine(d)}\n`).join('')}`);
    return err.code;
  }
  process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.refused;
}

// A reader that stops early (`rollwave sites list | head`) closes the pipe: that ends the command, quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? EXIT.ok);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version end with 0; every other complaint of commander's is a usage error.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = fail(err, process.argv.includes('--json'));
  }
}

/** What the figures ran on: CPU, memory, Node, Temporal CLI, and which code (commit and uncommitted files). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';


export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  temporalCli: string;
  kernel: string;
  loadAverageAtStart: number[];
  commit: string;
  /** Files with uncommitted changes (`git status`) among the code the bench runs (workflows, activities, db, src). */
  dirty: string[];
  /** SHA-256 (first 12 hex digits) over the files of workflows/, activities/, db/ and src/ the run used. */
  codeHash: string;
}

function sh(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', cwd }).trimEnd();
  } catch {
    return '?';
  }
}

/** `repo`: the working tree the bench was started from (its snapshot has no .git). */
export function machineInfo(temporalCli: string, repo: string): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? '?';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    // not Linux
  }
  const dirty = sh('git', ['status', '--short', '--', 'workflows', 'activities', 'db', 'src'], repo)
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return {
    cpuModel,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporalCli,
    kernel: sh('uname', ['-sr'], repo),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    commit: sh('git', ['rev-parse', '--short', 'HEAD'], repo),
    dirty,
    codeHash: hashTree(fileURLToPath(new URL('../..', import.meta.url)), ['workflows', 'activities', 'db', 'src']),
  };
}

function hashTree(root: string, dirs: string[]): string {
  const hash = createHash('sha256');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const d of dirs) walk(join(root, d));
  for (const f of files) hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex').slice(0, 12);
}

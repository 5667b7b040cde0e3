/**
 * Summaries of V8 CPU profiles (`node --cpu-prof`): self time by package (node_modules/<package>, or the
 * project's own top-level directory) and by function, as shares of the sampled time.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  sampledMs: number;
  /** Share of sampled time (0–1), largest first. */
  byPackage: [string, number][];
  byFunction: [string, number][];
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const segments = path.split('/').filter(Boolean);
  // The project's own files: its top-level directory and file (src/api/…, db/projection.ts, …).
  const i = segments.findIndex((s) => ['src', 'db', 'activities', 'workflows', 'bench', 'test'].includes(s));
  return i >= 0 ? segments.slice(i, i + 2).join('/') : segments.slice(-2).join('/');
}

export function summariseProfile(profile: Profile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, t] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
    const fn = `${functionName || '(anonymous)'} ${pkg}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  }
  const topOf = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, total ? v / total : 0] as [string, number]);
  return { sampledMs: total / 1000, byPackage: topOf(byPackage), byFunction: topOf(byFunction) };
}

/** The largest profile in `dir` (the main thread; workers write smaller ones), summarised. */
export async function summariseProfileDir(dir: string): Promise<ProfileSummary | undefined> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.cpuprofile'));
  let best: Profile | undefined;
  let bestSize = -1;
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    if (text.length > bestSize) {
      bestSize = text.length;
      best = JSON.parse(text) as Profile;
    }
  }
  return best ? summariseProfile(best) : undefined;
}

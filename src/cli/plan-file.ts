/**
 * Reads a plan file (YAML or JSON, JSON being YAML too) and checks it against the schema the API uses
 * (domain/plan.ts `rolloutPlan`) before anything is sent. Every problem names the file, line and field:
 * a file that cannot be read or parsed → exit 2, a plan that breaks the schema → exit 1, as the API would refuse it.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { rolloutPlan } from '../../domain/plan';
import { CliExit, EXIT, type ErrorDetail } from './exit';

/** `['waves', 1, 'maxParallel']` → `waves[1].maxParallel`, as the API names fields. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new CliExit(EXIT.usage, `cannot read ${file}: ${(err as Error).message}`, [], 'unreadable_file');
  }
}

/** The plan in `file`, as sent to the API (the file's own values, not the schema's defaults). */
export async function readPlanFile(file: string): Promise<unknown> {
  const text = await readText(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => {
      const at = lines.linePos(e.pos[0]);
      return { file, line: at.line, column: at.col, message: e.message.split('\n')[0]! };
    });
    throw new CliExit(EXIT.usage, `${file} is not valid YAML or JSON`, details, 'unreadable_file');
  }
  const plan = doc.toJS();
  const checked = rolloutPlan.safeParse(plan);
  if (!checked.success) {
    const details = problems(checked.error).map((p) => ({ file, ...where(doc, lines, p.path), path: formatPath(p.path), message: p.message }));
    throw new CliExit(EXIT.refused, `${file}: ${details.length} problem${details.length > 1 ? 's' : ''} in the plan; nothing was sent`, details, 'invalid_plan');
  }
  return plan;
}

/** One problem per issue; an object with unknown fields gives one per field (as the API does). */
function problems(error: z.ZodError): { path: PropertyKey[]; message: string }[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'is not a known field' }))
      : [{ path: [...issue.path], message: issue.message }],
  );
}

/** Line and column of the deepest node on `path` that the file has (the key for a field, else its parent). */
function where(doc: Document, lines: LineCounter, path: PropertyKey[]): Pick<ErrorDetail, 'line' | 'column'> {
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined | null = (node as Node | null)?.range;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(key));
      if (!pair) break;
      range = (pair.key as Node | null)?.range ?? range;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      range = item.range ?? range;
      node = item;
    } else break;
  }
  if (!range) return { line: 1, column: 1 };
  const at = lines.linePos(range[0]);
  return { line: at.line, column: at.col };
}

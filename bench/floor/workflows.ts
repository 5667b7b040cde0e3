/**
 * The floor Rollwave is measured against: the same shape of Temporal work with nothing of Rollwave in it.
 * A parent keeps a sliding window of at most `maxParallel` abandoned children; each child plays a script of
 * no-op activities (`A`) and signals to the parent (`S`) in the order a real Rollwave site workflow's history
 * shows them (e.g. `AAAASA`: four steps, the mark that frees the slot, the final projection write). The last
 * signal frees the child's slot. No database, no payloads beyond a few numbers. The parent continues as new
 * when Temporal suggests it, as the rollout workflow does.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { FloorActivities } from './activities';

/** Same as the rollout workflow's own limit, so both continue as new under the same rule. */
const HISTORY_EVENTS_LIMIT = 20_000;

export interface FloorParentInput {
  children: number;
  maxParallel: number;
  /** `A` = one no-op activity, `S` = one signal to the parent, in order. */
  script: string;
  /** Carried across continue-as-new. */
  next?: number;
  running?: number;
  done?: number;
}

export interface FloorChildInput {
  parentId: string;
  index: number;
  script: string;
}

export const childSignal = defineSignal<[{ index: number; final: boolean }]>('childMark');

const { noop } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export async function floorParent(input: FloorParentInput): Promise<number> {
  const { children, maxParallel } = input;
  let next = input.next ?? 0;
  let running = input.running ?? 0;
  let done = input.done ?? 0;
  let changes = 0;
  const parentId = workflowInfo().workflowId;

  setHandler(childSignal, ({ final }) => {
    if (final) {
      running--;
      done++;
    }
    changes++;
  });

  for (;;) {
    const seen = changes;
    const starts: Promise<unknown>[] = [];
    while (running < maxParallel && next < children) {
      const index = next++;
      running++;
      starts.push(
        startChild(floorChild, {
          workflowId: `${parentId}/child/${index}`,
          args: [{ parentId, index, script: input.script }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        }),
      );
    }
    await Promise.all(starts);
    if (done >= children) return done;
    // Checked before waiting and whatever else changed, as the rollout workflow does: a busy window may never be idle.
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_LIMIT) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof floorParent>({ ...input, next, running, done });
    }
    if (changes !== seen) continue;
    await condition(() => changes !== seen);
  }
}

export async function floorChild(input: FloorChildInput): Promise<void> {
  const parent = getExternalWorkflowHandle(input.parentId);
  const lastSignal = input.script.lastIndexOf('S');
  for (let i = 0; i < input.script.length; i++) {
    if (input.script[i] === 'A') await noop(i);
    else await parent.signal(childSignal, { index: input.index, final: i === lastSignal });
  }
}

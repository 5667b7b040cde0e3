/** Wire names of states, steps and statuses: the vocabulary of API.md, shared by every layer. */

export const SITE_STATES = [
  'pending',
  'running',
  'awaiting_readiness',
  'awaiting_window',
  'succeeded',
  'failed',
  'rolling_back',
  'rolled_back',
  'skipped',
] as const;
export type SiteState = (typeof SITE_STATES)[number];

/** `rollback` is the step of a site whose undo failed; the post-cutover health check is part of `cutover`. */
export const STEPS = ['config_push', 'data_load', 'training', 'cutover', 'rollback'] as const;
export type Step = (typeof STEPS)[number];

/** The steps every site goes through, in order: a site workflow runs them, a projection counts them. */
export const FORWARD_STEPS = ['config_push', 'data_load', 'training', 'cutover'] as const;
export type ForwardStep = (typeof FORWARD_STEPS)[number];

/** Steps that change a site and therefore have an undo call, in the order they run. */
export const UNDOABLE_STEPS = ['config_push', 'data_load', 'cutover'] as const;
export type UndoableStep = (typeof UNDOABLE_STEPS)[number];

export const ROLLOUT_STATUSES = ['running', 'awaiting_approval', 'paused', 'halted', 'completed', 'aborted'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export const WAVE_STATUSES = ['pending', 'awaiting_approval', 'running', 'baking', 'completed', 'aborted'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

/** States a site can stay in for good: the rollout completes when every site is in one of them. */
export const SETTLED_STATES: readonly SiteState[] = ['succeeded', 'skipped', 'rolled_back'];

/** The states from which each operator action on a site is allowed (API.md); the workflow and the API both derive theirs. */
export const SITE_ACTION_FROM = {
  retry: ['failed'],
  rollback: ['failed', 'succeeded'],
  skip: ['failed', 'pending'],
} as const satisfies Record<string, readonly SiteState[]>;
export type SiteAction = keyof typeof SITE_ACTION_FROM;

/** Sites that have not passed training, for whom a readiness confirmation still matters (before training it is kept). */
export function beforeTraining(state: SiteState, step: Step | null): boolean {
  const stillAhead = step === null || step === 'config_push' || step === 'data_load' || step === 'training';
  return stillAhead && (state === 'pending' || state === 'running' || state === 'awaiting_readiness' || state === 'failed');
}

export type StateCounts = Record<SiteState, number>;

export function emptyCounts(): StateCounts {
  return Object.fromEntries(SITE_STATES.map((s) => [s, 0])) as StateCounts;
}

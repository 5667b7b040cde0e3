/** A site's state and step in the words of its site lead, who knows neither API.md nor the steps' wire names. */
import type { SiteState, Step } from './states';

const STEP_WORDS: Record<Step, string> = {
  config_push: 'the new configuration is being sent',
  data_load: 'the new data is being loaded',
  training: 'staff training is under way',
  cutover: 'the switch-over is under way',
  rollback: 'undoing the changes',
};

/** `error` is the reason a site waits for readiness again (its confirmation grew too old), when it does. */
export function siteStateInWords(state: SiteState, step: Step | null, error?: string | null): string {
  const during = step ? STEP_WORDS[step] : 'getting ready';
  switch (state) {
    case 'pending':
      return 'Not started yet: the rollout has not reached this site.';
    case 'running':
      return `In progress: ${during}.`;
    case 'awaiting_readiness':
      return error
        ? `Waiting for you again: the last confirmation no longer counts (${error}). Confirm that enough staff are trained now.`
        : 'Waiting for you: confirm that enough staff are trained.';
    case 'awaiting_window':
      return 'Ready: waiting for its switch-over window.';
    case 'succeeded':
      return 'Done: the new release is live here.';
    case 'failed':
      return `Stopped while ${during}; the rollout team has been told and will decide what to do.`;
    case 'rolling_back':
      return 'Going back to the previous release.';
    case 'rolled_back':
      return 'Back on the previous release.';
    case 'skipped':
      return 'Left out of this rollout.';
  }
}

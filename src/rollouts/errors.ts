/** Why a rollout is not created as asked; src/api/errors.ts gives each its HTTP answer. */
import type { PlanProblem } from '../../domain/plan';

/** The plan does not fit the site registry (an unknown site code, a wave that selects no site): nothing is written. */
export class InvalidPlan extends Error {
  override readonly name = 'InvalidPlan';
  constructor(readonly problems: PlanProblem[]) {
    super(`the plan has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
}

/** The Idempotency-Key was used before with another request: the first one's answer does not fit this one. */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
}

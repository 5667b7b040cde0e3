/** The plan's JSON Schema, for editors and local checks: generated from `rolloutPlan`, so the two never disagree. */
import { z } from 'zod';
import { rolloutPlan } from './plan';

let generated: Record<string, unknown> | undefined;

/**
 * The JSON Schema (draft-07, which editors know best) of what a plan may say: the input side, so fields with a
 * default are optional. Checks written as code (a wave name repeated, a URL's scheme) are not in it; the API still
 * makes them. Generated once.
 */
export function planJsonSchema(): Record<string, unknown> {
  generated ??= {
    ...z.toJSONSchema(rolloutPlan, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
    title: 'Rollwave rollout plan',
    description: 'The body of POST /v1/rollouts and POST /v1/rollouts/preview',
  };
  return generated;
}

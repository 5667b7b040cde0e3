import { describe, expect, test } from 'vitest';
import { rolloutPlan, type RolloutPlanInput } from '../../domain/plan';
import { assignWaves } from '../../domain/assign-waves';

const sites = [
  { code: 'A1', region: 'east', tags: ['pilot'] },
  { code: 'A2', region: 'east', tags: [] },
  { code: 'B1', region: 'west', tags: ['pilot'] },
  { code: 'B2', region: 'west', tags: [] },
];
const plan = (waves: RolloutPlanInput['waves']) => rolloutPlan.parse({ name: 'p', release: { version: '1' }, waves });

describe('assignWaves', () => {
  test('a site belongs to the first wave that selects it and never to two', () => {
    const result = assignWaves(plan([{ name: 'pilot', select: { regions: ['east'] } }, { name: 'rest', select: { all: true } }]), sites);
    expect(result).toEqual({ ok: true, waves: [['A1', 'A2'], ['B1', 'B2']] });
  });

  test('criteria combine: a site must match every criterion given, any entry of a list', () => {
    const result = assignWaves(plan([{ name: 'w', select: { regions: ['east', 'west'], tags: ['pilot'] } }, { name: 'rest', select: { all: true } }]), sites);
    expect(result).toEqual({ ok: true, waves: [['A1', 'B1'], ['A2', 'B2']] });
  });

  test('an unknown site code is reported at its path', () => {
    const result = assignWaves(plan([{ name: 'w', select: { codes: ['A1', 'ZZ'] } }]), sites);
    expect(result).toEqual({ ok: false, details: [{ path: 'waves[0].select.codes[1]', message: 'unknown site code "ZZ"' }] });
  });

  test('a plan that selects no site is rejected', () => {
    const result = assignWaves(plan([{ name: 'w', select: { regions: ['north'] } }]), sites);
    expect(result).toEqual({ ok: false, details: [{ path: 'waves', message: 'the plan selects no site' }] });
  });

  test('a wave left with no site because earlier waves took them all is rejected', () => {
    const result = assignWaves(plan([{ name: 'all', select: { all: true } }, { name: 'empty', select: { regions: ['east'] } }]), sites);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.details[0]?.path).toBe('waves[1].select');
  });
});

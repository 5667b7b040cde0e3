import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config';

describe('loadConfig', () => {
  test('fills in the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      TEMPORAL_NAMESPACE: 'default',
      ROLLWAVE_DATA_DIR: './.rollwave',
      ROLLWAVE_ROLE: 'all',
      ROLLWAVE_PROGRESS_CACHE_ROLLOUTS: 1000,
      ROLLWAVE_API_KEY_CACHE_KEYS: 10_000,
      LOG_LEVEL: 'info',
    });
  });

  test('an empty DATABASE_URL means the embedded Postgres', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  test('a bad value stops start-up with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', ROLLWAVE_ROLE: 'both', DATABASE_URL: 'mysql://x' })).toThrow(/PORT:[\s\S]*DATABASE_URL:[\s\S]*ROLLWAVE_ROLE:/);
  });

  test('an admin key shorter than 16 characters is refused', () => {
    expect(() => loadConfig({ ROLLWAVE_ADMIN_KEY: 'short' })).toThrow(/ROLLWAVE_ADMIN_KEY: must be at least 16 characters/);
  });
});

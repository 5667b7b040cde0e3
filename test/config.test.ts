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

  test('failed authentications are limited to 30 a minute per address unless set otherwise, 0 turning the limit off', () => {
    expect(loadConfig({}).ROLLWAVE_AUTH_FAILURES_PER_MINUTE).toBe(30);
    expect(loadConfig({ ROLLWAVE_AUTH_FAILURES_PER_MINUTE: '0' }).ROLLWAVE_AUTH_FAILURES_PER_MINUTE).toBe(0);
    for (const bad of ['lots', '-1', '2.5']) {
      expect(() => loadConfig({ ROLLWAVE_AUTH_FAILURES_PER_MINUTE: bad }), bad).toThrow(/ROLLWAVE_AUTH_FAILURES_PER_MINUTE: /);
    }
  });

  test('X-Forwarded-For is trusted from nobody unless ROLLWAVE_TRUST_PROXY says true or lists the proxies', () => {
    const trust = (value?: string) => loadConfig(value === undefined ? {} : { ROLLWAVE_TRUST_PROXY: value }).ROLLWAVE_TRUST_PROXY;
    expect([trust(), trust(''), trust('false'), trust('TRUE')]).toEqual([false, false, false, true]);
    expect(trust(' 10.0.0.7, 10.1.0.0/16 ,fd00::/8,loopback')).toEqual(['10.0.0.7', '10.1.0.0/16', 'fd00::/8', 'loopback']);
  });

  test('a hop count or an entry that is not an address in ROLLWAVE_TRUST_PROXY stops start-up, saying why', () => {
    expect(() => loadConfig({ ROLLWAVE_TRUST_PROXY: '1' })).toThrow(/ROLLWAVE_TRUST_PROXY: a hop count cannot tell a proxy from a client/);
    for (const bad of ['proxy.example.com', '10.0.0.0/33', '10.0.0.1,', '10.0.0.1/8/8']) {
      expect(() => loadConfig({ ROLLWAVE_TRUST_PROXY: bad }), bad).toThrow(`ROLLWAVE_TRUST_PROXY: "${bad.split(',').at(-1)}" is not an IP address`);
    }
  });

  test('readiness links use the request’s host and last 14 days unless ROLLWAVE_PUBLIC_URL and ROLLWAVE_READINESS_LINK_DAYS say otherwise', () => {
    expect(loadConfig({}).ROLLWAVE_PUBLIC_URL).toBeUndefined();
    expect(loadConfig({}).ROLLWAVE_READINESS_LINK_DAYS).toBe(14);
    expect(loadConfig({ ROLLWAVE_PUBLIC_URL: '' }).ROLLWAVE_PUBLIC_URL).toBeUndefined();
    const set = loadConfig({ ROLLWAVE_PUBLIC_URL: 'https://rollwave.example.com', ROLLWAVE_READINESS_LINK_DAYS: '3' });
    expect(set).toMatchObject({ ROLLWAVE_PUBLIC_URL: 'https://rollwave.example.com', ROLLWAVE_READINESS_LINK_DAYS: 3 });
  });

  test('a public URL that is not http(s), or a link lifetime outside 1 to 365 days, stops start-up', () => {
    for (const bad of ['rollwave.example.com', 'ftp://rollwave.example.com']) {
      expect(() => loadConfig({ ROLLWAVE_PUBLIC_URL: bad }), bad).toThrow(/ROLLWAVE_PUBLIC_URL: must be an http\(s\) URL such as https:\/\/rollwave\.example\.com/);
    }
    for (const bad of ['0', '366', 'two weeks']) {
      expect(() => loadConfig({ ROLLWAVE_READINESS_LINK_DAYS: bad }), bad).toThrow(/ROLLWAVE_READINESS_LINK_DAYS: /);
    }
  });

  test('an admin key shorter than 16 characters is refused', () => {
    expect(() => loadConfig({ ROLLWAVE_ADMIN_KEY: 'short' })).toThrow(/ROLLWAVE_ADMIN_KEY: must be at least 16 characters/);
  });
});

/** Readiness that expires: a confirmation too old at cutover sends the site back for a new one, and says why. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitFor } from '../support/harness';
import { siteRow, startStoreRollout, useRollwave, waitForSite } from '../support/scenario';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

const scenario = useRollwave();

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

test('a confirmation older than readinessValidForHours at cutover puts the site back to awaiting_readiness with the reason, tells the site lead, and a new one lets it cut over', async () => {
  const lead = (await scenario.rw.http('POST', '/v1/api-keys', { role: 'site-lead', name: 'Ana Lima', sites: ['RX-001'] })).body.key as string;
  const held = scenario.fleet.hold('RX-001', 'config_push');
  const { id } = await startStoreRollout(scenario, 'RX', 1, {
    plan: {
      // One second: the confirmation below is older than that when the site reaches its cutover.
      training: { requireReadiness: true, readinessValidForHours: 1 / 3600 },
      notifications: [{ url: receiver.url, events: ['site.readiness_expired', 'site.awaiting_readiness'], secret: 'whsec-0123456789-abcdef' }],
    },
  });
  const readiness = { confirmed: true, trainedStaff: 9, totalStaff: 10 };
  const first = await scenario.rw.http('POST', `/v1/rollouts/${id}/sites/RX-001/readiness`, readiness);
  expect(first.status).toBeLessThan(300);
  const confirmedAt = Date.now();
  await waitFor(async () => Date.now() - confirmedAt > 1500, 5_000, 'the confirmation to grow older than a second');
  held.release();

  const expired = await waitForSite(scenario.rw, id, 'RX-001', 'awaiting_readiness');
  expect(expired.step).toBe('training');
  expect(expired.error).toMatch(/^confirmed \d+ s ago; confirmations are valid 1 s$/);
  expect(scenario.fleet.received('RX-001', 'cutover')).toBe(0);
  const told = await waitFor(async () => receiver.delivered().find((r) => r.body.rollout.id === id), 30_000, 'the notification');
  expect(told.body).toMatchObject({ type: 'site.readiness_expired', site: 'RX-001', data: { reason: expired.error } });
  // The site lead's own page says why it asks again, and takes the new confirmation.
  const mine = await scenario.rw.http('GET', '/v1/my/sites', undefined, { key: lead });
  expect(mine.body.items).toHaveLength(1);
  expect(mine.body.items[0].site.inWords).toContain(`the last confirmation no longer counts (${expired.error})`);
  expect(mine.body.items[0].canConfirm).toBe(true);

  const again = await scenario.rw.http('POST', `/v1/rollouts/${id}/sites/RX-001/readiness`, readiness, { key: lead });
  expect(again.status, JSON.stringify(again.body)).toBeLessThan(300);
  await waitForSite(scenario.rw, id, 'RX-001', 'succeeded');
  expect(scenario.fleet.applied('RX-001', 'cutover')).toBe(1);
  expect((await siteRow(scenario.rw, id, 'RX-001'))?.error).toBeNull();
  const { body } = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
  const confirmations = body.items.filter((e: { type: string }) => e.type === 'action.readiness');
  expect(confirmations).toHaveLength(2);
  // Only the expiry was told: the site never waited for a first confirmation, which came before training.
  expect(receiver.delivered().filter((r) => r.body.rollout.id === id).map((r) => r.body.type)).toEqual(['site.readiness_expired']);
});

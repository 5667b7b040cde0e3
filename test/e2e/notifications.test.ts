/** Webhooks against a real local receiver: signed, retried until taken, never in the rollout's way, secrets kept. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOTIFICATION_EVENTS } from '../../domain/notifications';
import { DEFAULT_DELIVERY_RETRY } from '../../activities/notifier';
import { WORKFLOW, notificationWorkflowId } from '../../workflows/contract';
import { waitFor } from '../support/harness';
import { startStoreRollout, useRollwave, waitForSite, waitForStatus } from '../support/scenario';
import { deadUrl, startReceiver, type Receiver } from '../support/webhook-receiver';

const scenario = useRollwave();
const SECRET = 'whsec-0123456789-abcdef';
const EVENTS = NOTIFICATION_EVENTS.filter((e) => e !== 'rollout.daily_summary');

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const act = (path: string, body?: unknown) => scenario.rw.http('POST', path, body);
const deliveredOf = (id: string) => receiver.delivered().filter((r) => r.body.rollout.id === id);
const notifications = async (id: string) => (await scenario.rw.http('GET', `/v1/rollouts/${id}/notifications`)).body;

describe('a plan’s webhook', () => {
  test('hears each event once per event id, signed and timestamped, though the receiver fails its first three attempts', async () => {
    receiver.failFirst(3);
    const held = scenario.fleet.hold('NT-001', 'config_push');
    scenario.fleet.behave('NT-002', { fail: { config_push: { status: 422, message: 'store closed' } } });
    const { id } = await startStoreRollout(scenario, 'NT', 3, {
      waves: [
        { name: 'pilot', select: { codes: ['NT-001', 'NT-002'] }, failureThreshold: { maxFailed: 1 } },
        { name: 'rest', select: { codes: ['NT-003'] }, approval: 'manual' },
      ],
      plan: { training: { requireReadiness: true }, notifications: [{ url: receiver.url, events: EVENTS, secret: SECRET }] },
    });
    // A link made while the site is still at its config push comes again (as a new link) with its wait for readiness.
    const link = await act(`/v1/rollouts/${id}/sites/NT-001/readiness-link`, { name: 'Ana Lima' });
    expect(link.status).toBe(201);
    held.release();

    await waitForStatus(scenario.rw, id, 'halted');
    await waitForSite(scenario.rw, id, 'NT-001', 'awaiting_readiness');
    expect((await act(`/v1/rollouts/${id}/sites/NT-002/skip`)).status).toBeLessThan(300);
    expect((await act(`/v1/rollouts/${id}/resume`)).status).toBeLessThan(300);
    const readiness = { confirmed: true, trainedStaff: 10, totalStaff: 10 };
    expect((await act(`/v1/rollouts/${id}/sites/NT-001/readiness`, readiness)).status).toBeLessThan(300);
    await waitForStatus(scenario.rw, id, 'awaiting_approval');
    expect((await act(`/v1/rollouts/${id}/waves/rest/launch`)).status).toBeLessThan(300);
    await waitForSite(scenario.rw, id, 'NT-003', 'awaiting_readiness');
    expect((await act(`/v1/rollouts/${id}/sites/NT-003/readiness`, readiness)).status).toBeLessThan(300);
    await waitForStatus(scenario.rw, id, 'completed');

    const expected = [
      'rollout.completed',
      'rollout.halted',
      'site.awaiting_readiness NT-001',
      'site.awaiting_readiness NT-003',
      'site.failed NT-002',
      'wave.awaiting_approval rest',
    ];
    const delivered = await waitFor(async () => {
      const all = deliveredOf(id);
      return all.length >= expected.length && all;
    }, 60_000, 'every event delivered');
    expect(delivered.map((r) => [r.body.type, r.body.site ?? r.body.wave].filter(Boolean).join(' ')).sort()).toEqual(expected);

    for (const r of delivered) {
      expect(r.headers['x-rollwave-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(r.raw).digest('hex')}`);
      expect(r.headers['x-rollwave-timestamp']).toBe(String(Math.floor(Date.parse(r.body.sentAt) / 1000)));
      expect(Math.abs(Date.now() / 1000 - Number(r.headers['x-rollwave-timestamp']))).toBeLessThan(300);
      expect(r.headers['x-rollwave-event']).toBe(r.body.type);
      expect(r.headers['x-rollwave-event-id']).toBe(r.body.id);
      // Three refusals, then the delivery that was taken; each attempt carries the same event id.
      expect(receiver.received.filter((x) => x.body.id === r.body.id).map((x) => x.status)).toEqual([503, 503, 503, 204]);
    }
    const failed = delivered.find((r) => r.body.type === 'site.failed')!;
    expect(failed.body.data).toMatchObject({ step: 'config_push', attempts: 1 });
    expect(failed.body.data!.error).toContain('store closed');
    const waiting = delivered.find((r) => r.body.type === 'site.awaiting_readiness' && r.body.site === 'NT-001')!;
    const sentLink = waiting.body.data!.readinessLink as { url: string; expiresAt: string };
    expect(sentLink.expiresAt).toBe(link.body.expiresAt);
    const page = await fetch(`${scenario.rw.url}/v1/readiness`, { headers: { 'x-readiness-token': sentLink.url.split('#')[1]! } });
    expect(page.status).toBe(200);
    expect(((await page.json()) as { link: { name: string } }).link.name).toBe('Ana Lima');
    expect(delivered.find((r) => r.body.site === 'NT-003')!.body.data?.readinessLink).toBeUndefined();

    const listed = await notifications(id);
    expect(listed.items).toHaveLength(expected.length);
    for (const d of listed.items) expect(d).toMatchObject({ status: 'delivered', attempts: 4, lastError: null, url: receiver.url });
    expect(listed.failing).toEqual([]);
    const rollout = await scenario.rw.http('GET', `/v1/rollouts/${id}`);
    expect(rollout.body.plan.notifications).toEqual([{ url: receiver.url, events: EVENTS }]);
    const events = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
    for (const answer of [rollout, listed, events]) expect(JSON.stringify(answer.body ?? answer)).not.toContain(SECRET);
    for (const r of receiver.received) expect(r.raw).not.toContain(SECRET);
  });

  test('a receiver down for the whole rollout does not hold it up: the rollout completes while its deliveries wait', async () => {
    const down = await deadUrl();
    const { id } = await startStoreRollout(scenario, 'ND', 4, {
      plan: { notifications: [{ url: down, events: ['rollout.completed', 'site.failed'], secret: SECRET }] },
    });
    await waitForStatus(scenario.rw, id, 'completed');
    const listed = await waitFor(async () => {
      const body = await notifications(id);
      return body.items[0]?.attempts >= 1 && body;
    }, 30_000, 'a failed attempt');
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ event: 'rollout.completed', status: 'pending', url: down, deliveredAt: null });
    expect(listed.items[0].lastError).toBe('could not connect (ECONNREFUSED)');
    expect(listed.failing).toEqual([{ url: down, failing: 1, lastError: 'could not connect (ECONNREFUSED)' }]);
  });

  test('a delivery still pending when Rollwave restarts is retried by the new worker until the receiver takes it', async () => {
    const later = await startReceiver();
    try {
      later.failFirst(Number.MAX_SAFE_INTEGER);
      const { id } = await startStoreRollout(scenario, 'NR', 2, {
        plan: { notifications: [{ url: later.url, events: ['rollout.completed'], secret: SECRET }] },
      });
      await waitForStatus(scenario.rw, id, 'completed');
      await waitFor(async () => later.received.length >= 2, 30_000, 'two refused attempts');
      await scenario.rw.restart();
      later.failFirst(0);
      const got = await waitFor(async () => later.delivered()[0], 30_000, 'the delivery after the restart');
      expect(got.body).toMatchObject({ type: 'rollout.completed', rollout: { id } });
      const listed = await waitFor(async () => {
        const body = await notifications(id);
        return body.items[0]?.status === 'delivered' && body;
      }, 30_000, 'the delivery recorded');
      expect(listed.items[0].attempts).toBe(later.received.length);
    } finally {
      await later.close();
    }
  });

  test('bad webhooks are refused naming the field, and nothing is written', async () => {
    const before = (await scenario.rw.http('GET', '/v1/rollouts?limit=1000')).body.items.length;
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/h', events: ['site.failed'], secret: SECRET }, '"path":"notifications[0].url"'],
      [{ url: 'https://ops:hunter2@example.com/h', events: ['site.failed'], secret: SECRET }, '"path":"notifications[0].url"'],
      [{ url: receiver.url, events: ['site.exploded'], secret: SECRET }, '"path":"notifications[0].events[0]"'],
      [{ url: receiver.url, events: [], secret: SECRET }, '"path":"notifications[0].events"'],
      [{ url: receiver.url, events: ['site.failed', 'site.failed'], secret: SECRET }, '"path":"notifications[0].events"'],
      [{ url: receiver.url, events: ['site.failed'], secret: 'short' }, '"path":"notifications[0].secret"'],
    ];
    for (const [hook, field] of cases) {
      const created = await act('/v1/rollouts', { name: 'bad', release: { version: '1' }, waves: [{ name: 'w', select: { all: true } }], notifications: [hook] });
      expect(created.status, JSON.stringify(created.body)).toBe(400);
      expect(JSON.stringify(created.body)).toContain(field);
      expect(JSON.stringify(created.body)).not.toContain(SECRET);
    }
    expect((await scenario.rw.http('GET', '/v1/rollouts?limit=1000')).body.items.length).toBe(before);
  });

  test('a delivery is retried from 5 s, doubling to an hour, for more than a day, by default', async () => {
    const handle = await scenario.rw.temporal.workflow.start(WORKFLOW.notification, {
      workflowId: notificationWorkflowId(`nt_policy_${Date.now()}`),
      taskQueue: scenario.rw.taskQueue,
      args: [{ deliveryId: 'nt_missing', retry: DEFAULT_DELIVERY_RETRY }],
    });
    // A delivery whose webhook is gone is given up at once; its schedule shows the policy every delivery gets.
    expect(await handle.result()).toBe('failed');
    const history = await handle.fetchHistory();
    const scheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverNotification')!;
    const { retryPolicy, scheduleToCloseTimeout } = scheduled.activityTaskScheduledEventAttributes!;
    expect(Number(retryPolicy!.initialInterval!.seconds)).toBe(5);
    expect(retryPolicy!.backoffCoefficient).toBe(2);
    expect(Number(retryPolicy!.maximumInterval!.seconds)).toBe(3600);
    expect(Number(scheduleToCloseTimeout!.seconds)).toBeGreaterThan(24 * 3600);
  });
});

describe('an installation-wide webhook', () => {
  test('set by an admin, it hears every rollout; its secret is never shown; only admins manage it', async () => {
    const other = await startReceiver();
    try {
      const manager = (await act('/v1/api-keys', { role: 'manager', name: 'm' })).body.key as string;
      const hook = { url: other.url, events: ['rollout.completed'], secret: SECRET };
      expect((await scenario.rw.http('POST', '/v1/webhooks', hook, { key: manager })).status).toBe(403);
      const bad = await act('/v1/webhooks', { ...hook, url: 'javascript:alert(1)' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('url');
      const made = await act('/v1/webhooks', hook);
      expect(made.status).toBe(201);
      expect(made.body).toEqual({ id: expect.stringMatching(/^wh_/), url: other.url, events: ['rollout.completed'], createdAt: expect.any(String) });
      const listed = await scenario.rw.http('GET', '/v1/webhooks');
      expect(listed.body.items).toContainEqual(made.body);
      expect(JSON.stringify(listed.body)).not.toContain(SECRET);

      const { id } = await startStoreRollout(scenario, 'NI', 2);
      await waitForStatus(scenario.rw, id, 'completed');
      const got = await waitFor(async () => other.delivered().find((r) => r.body.rollout.id === id), 30_000, 'the installation webhook');
      expect(got.body.type).toBe('rollout.completed');
      expect(got.headers['x-rollwave-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(got.raw).digest('hex')}`);

      expect((await scenario.rw.http('DELETE', `/v1/webhooks/${made.body.id}`)).status).toBe(204);
      expect((await scenario.rw.http('DELETE', `/v1/webhooks/${made.body.id}`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

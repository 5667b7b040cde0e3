/** The daily summary: a Temporal Schedule per rollout at the plan's hour in its time zone, sent once per local day. */
import { ScheduleNotFoundError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNotifier } from '../../activities/notifier';
import { dailySummaryScheduleId } from '../../workflows/contract';
import { waitFor } from '../support/harness';
import { startStoreRollout, useRollwave, waitForStatus } from '../support/scenario';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

// The Schedule fires every second here instead of daily: whatever the firings, one summary per day goes out.
const scenario = useRollwave({ dailySummaryEveryMs: 1000 });
const SECRET = 'whsec-0123456789-abcdef';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

test('a running rollout sends its summary of the day once, however often its schedule fires, and the schedule goes when it ends', async () => {
  scenario.fleet.behave('DS-002', { fail: { config_push: { status: 422, message: 'till offline' } } });
  const { id } = await startStoreRollout(scenario, 'DS', 3, {
    plan: {
      dailySummary: { hour: 6, timezone: 'Pacific/Auckland' },
      notifications: [{ url: receiver.url, events: ['rollout.daily_summary'], secret: SECRET }],
    },
  });
  await waitFor(async () => (await scenario.rw.http('GET', `/v1/rollouts/${id}/sites?state=failed`)).body.items.length === 1, 30_000, 'the failed site');
  const schedule = scenario.rw.temporal.schedule.getHandle(dailySummaryScheduleId(id));
  await waitFor(async () => (await schedule.describe()).info.recentActions.length >= 3, 30_000, 'three firings');
  await waitFor(async () => (await scenario.rw.http('GET', `/v1/rollouts/${id}/notifications`)).body.items[0]?.status === 'delivered', 30_000, 'the delivery');

  const summaries = receiver.received.filter((r) => r.body.rollout.id === id);
  expect(summaries).toHaveLength(1);
  const today = DateTime.now().setZone('Pacific/Auckland').toISODate();
  expect(summaries[0]!.body).toMatchObject({ id: `${id}/daily_summary/${today}`, type: 'rollout.daily_summary' });
  expect(summaries[0]!.body.data).toMatchObject({
    date: today,
    timezone: 'Pacific/Auckland',
    status: 'running',
    started: 3,
    succeeded: 2,
    failed: 1,
    failures: [{ step: 'config_push', count: 1, sites: 1, exampleSites: ['DS-002'] }],
    totals: { sites: 3, succeeded: 2, failed: 1 },
  });

  expect((await scenario.rw.http('POST', `/v1/rollouts/${id}/abort`)).status).toBeLessThan(300);
  await waitForStatus(scenario.rw, id, 'aborted');
  await waitFor(async () => schedule.describe().then(() => false, (err: unknown) => err instanceof ScheduleNotFoundError), 30_000, 'the schedule removed');
});

test("the schedule fires every day at the plan's hour in the plan's time zone", async () => {
  const notifier = createNotifier({ db: scenario.rw.database.db, client: scenario.rw.temporal, taskQueue: scenario.rw.taskQueue });
  const rolloutId = `ro_schedule_${Date.now()}`;
  await notifier.scheduleDailySummary(rolloutId, async () => ({ hour: 7, timezone: 'Asia/Kolkata' }));
  try {
    const { info } = await scenario.rw.temporal.schedule.getHandle(dailySummaryScheduleId(rolloutId)).describe();
    expect(info.nextActionTimes.length).toBeGreaterThanOrEqual(3);
    for (const at of info.nextActionTimes) {
      // 07:00 in Kolkata is 01:30 UTC: a schedule that ignored the zone would fire at 07:00 UTC.
      expect(DateTime.fromJSDate(at, { zone: 'Asia/Kolkata' }).toFormat('HH:mm:ss')).toBe('07:00:00');
    }
    const [first, second] = info.nextActionTimes;
    expect(DateTime.fromJSDate(second!).diff(DateTime.fromJSDate(first!), 'hours').hours).toBe(24);
  } finally {
    await notifier.dropDailySummary(rolloutId);
  }
});

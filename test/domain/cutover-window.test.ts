import { afterEach, describe, expect, it, vi } from 'vitest';
import { hhmm, isValidTimeZone, windowOccurrence, windowStatus, type WindowStatus } from '../../domain/cutover-window';

/** Status with instants as UTC ISO strings, so failures read clearly. */
function status(nowIso: string, start: string, end: string, tz: string) {
  const s: WindowStatus = windowStatus(new Date(nowIso), { start, end }, tz);
  return s.open
    ? { open: true, closesAt: s.closesAt.toISOString() }
    : { open: false, opensAt: s.opensAt.toISOString() };
}
const open = (closesAt: string) => ({ open: true, closesAt: new Date(closesAt).toISOString() });
const closed = (opensAt: string) => ({ open: false, opensAt: new Date(opensAt).toISOString() });

describe('windowStatus in zones without DST changes (Asia/Shanghai, UTC+8)', () => {
  const tz = 'Asia/Shanghai';

  it('is open late in the evening of a midnight-crossing window and closes next morning', () => {
    expect(status('2024-06-01T23:30+08:00', '22:00', '06:00', tz)).toEqual(open('2024-06-02T06:00+08:00'));
  });

  it('is open after midnight because the window started yesterday', () => {
    expect(status('2024-06-02T03:00+08:00', '22:00', '06:00', tz)).toEqual(open('2024-06-02T06:00+08:00'));
  });

  it('is closed at midday and opens the same evening', () => {
    expect(status('2024-06-02T12:00+08:00', '22:00', '06:00', tz)).toEqual(closed('2024-06-02T22:00+08:00'));
  });

  it('treats the end as exclusive and the start as inclusive', () => {
    expect(status('2024-06-02T06:00+08:00', '22:00', '06:00', tz)).toEqual(closed('2024-06-02T22:00+08:00'));
    expect(status('2024-06-02T22:00+08:00', '22:00', '06:00', tz)).toEqual(open('2024-06-03T06:00+08:00'));
  });

  it('opens the next day once today’s same-day window has passed', () => {
    expect(status('2024-06-02T10:00+08:00', '01:00', '05:00', tz)).toEqual(closed('2024-06-03T01:00+08:00'));
  });

  it('treats start == end as a whole-day window that is always open', () => {
    expect(status('2024-06-02T07:59+08:00', '08:00', '08:00', tz)).toEqual(open('2024-06-02T08:00+08:00'));
    expect(status('2024-06-02T08:00+08:00', '08:00', '08:00', tz)).toEqual(open('2024-06-03T08:00+08:00'));
  });
});

describe('windowStatus reads the window in the site’s own timezone', () => {
  it('gives different answers for the same instant in Shanghai and New York', () => {
    const now = '2024-07-01T14:00Z'; // 22:00 in Shanghai, 10:00 in New York
    expect(status(now, '21:00', '23:00', 'Asia/Shanghai')).toEqual(open('2024-07-01T23:00+08:00'));
    expect(status(now, '21:00', '23:00', 'America/New_York')).toEqual(closed('2024-07-01T21:00-04:00'));
  });
});

describe('windowStatus on US DST days (America/New_York)', () => {
  const tz = 'America/New_York';
  // 2024-03-10: 02:00 EST jumps to 03:00 EDT (07:00Z). 2024-11-03: 02:00 EDT falls back to 01:00 EST (06:00Z).

  it('opens a window whose start falls in the spring-forward gap at the end of the gap', () => {
    expect(status('2024-03-10T01:00-05:00', '02:30', '04:00', tz)).toEqual(closed('2024-03-10T03:00-04:00'));
    expect(status('2024-03-10T03:15-04:00', '02:30', '04:00', tz)).toEqual(open('2024-03-10T04:00-04:00'));
  });

  it('keeps a midnight-crossing window open through spring-forward, closing at local 06:00 EDT', () => {
    expect(status('2024-03-10T05:30-04:00', '22:00', '06:00', tz)).toEqual(open('2024-03-10T06:00-04:00'));
  });

  it('skips a window lying entirely inside the spring-forward gap and opens the next day', () => {
    expect(status('2024-03-10T01:00-05:00', '02:00', '02:30', tz)).toEqual(closed('2024-03-11T02:00-04:00'));
  });

  it('opens at the first occurrence of a start time repeated by fall-back', () => {
    expect(status('2024-11-03T00:00-04:00', '01:30', '03:00', tz)).toEqual(closed('2024-11-03T01:30-04:00'));
  });

  it('stays open during the repeated hour until the end time', () => {
    expect(status('2024-11-03T01:45-05:00', '01:30', '03:00', tz)).toEqual(open('2024-11-03T03:00-05:00'));
  });

  it('closes at the first occurrence of an end time repeated by fall-back', () => {
    expect(status('2024-11-03T01:15-04:00', '00:00', '01:30', tz)).toEqual(open('2024-11-03T01:30-04:00'));
    // 01:15 EST is the second pass through that hour: the window already closed.
    expect(status('2024-11-03T01:15-05:00', '00:00', '01:30', tz)).toEqual(closed('2024-11-04T00:00-05:00'));
  });

  describe('independence from the real clock', () => {
    afterEach(() => vi.useRealTimers());

    it('resolves repeated times the same whether the code runs in summer or winter', () => {
      // luxon's own resolution of ambiguous times depends on the current offset; ours must not.
      for (const fakeNow of ['2030-07-01T12:00Z', '2030-01-01T12:00Z']) {
        vi.useFakeTimers({ now: new Date(fakeNow) });
        expect(status('2024-11-03T00:00-04:00', '01:30', '03:00', tz)).toEqual(closed('2024-11-03T01:30-04:00'));
        vi.useRealTimers();
      }
    });
  });
});

describe('windowStatus on EU DST days (Europe/Berlin)', () => {
  const tz = 'Europe/Berlin';
  // 2024-03-31: 02:00 CET jumps to 03:00 CEST (01:00Z). 2024-10-27: 03:00 CEST falls back to 02:00 CET (01:00Z).

  it('opens a window whose start falls in the spring-forward gap at 03:00 CEST', () => {
    expect(status('2024-03-31T01:30+01:00', '02:15', '05:00', tz)).toEqual(closed('2024-03-31T03:00+02:00'));
  });

  it('closes a midnight-crossing window at local 03:00 after spring-forward', () => {
    expect(status('2024-03-31T01:59+01:00', '23:00', '03:00', tz)).toEqual(open('2024-03-31T03:00+02:00'));
  });

  it('opens at the first (CEST) occurrence of a start time repeated by fall-back', () => {
    expect(status('2024-10-27T01:00+02:00', '02:30', '04:00', tz)).toEqual(closed('2024-10-27T02:30+02:00'));
    expect(status('2024-10-27T02:40+01:00', '02:30', '04:00', tz)).toEqual(open('2024-10-27T04:00+01:00'));
  });

  it('makes a whole-day window 25 hours long on the fall-back day', () => {
    expect(status('2024-10-27T12:00+01:00', '00:00', '00:00', tz)).toEqual(open('2024-10-28T00:00+01:00'));
  });
});

describe('windowStatus input validation', () => {
  it('rejects an unknown timezone', () => {
    expect(() => windowStatus(new Date(), { start: '01:00', end: '02:00' }, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('rejects a malformed time', () => {
    expect(() => windowStatus(new Date(), { start: '24:00', end: '02:00' }, 'UTC')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'UTC', 'Etc/GMT+8'])('accepts IANA name %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each(['', ' Asia/Shanghai', 'Mars/Olympus', '+08:00', '-0500', 'UTC+8', 'GMT+8'])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});

describe('hhmm schema', () => {
  it.each(['00:00', '09:05', '23:59'])('accepts %s', (v) => {
    expect(hhmm.safeParse(v).success).toBe(true);
  });

  it.each(['24:00', '9:05', '12:60', '12:5', '1200', ' 12:00', '12:00:00'])('rejects %j', (v) => {
    expect(hhmm.safeParse(v).success).toBe(false);
  });
});

describe('windowOccurrence', () => {
  const iso = (o: { opens: Date; closes: Date }) => ({ opens: o.opens.toISOString(), closes: o.closes.toISOString() });

  it('gives the occurrence open now, with the opening already past', () => {
    expect(iso(windowOccurrence(new Date('2024-06-02T03:00+08:00'), { start: '22:00', end: '06:00' }, 'Asia/Shanghai'))).toEqual({
      opens: '2024-06-01T14:00:00.000Z',
      closes: '2024-06-01T22:00:00.000Z',
    });
  });

  it('gives the next occurrence from the instant one closes (occurrences are half-open)', () => {
    expect(iso(windowOccurrence(new Date('2024-06-01T22:00:00Z'), { start: '22:00', end: '06:00' }, 'Asia/Shanghai'))).toEqual({
      opens: '2024-06-02T14:00:00.000Z',
      closes: '2024-06-02T22:00:00.000Z',
    });
  });
});

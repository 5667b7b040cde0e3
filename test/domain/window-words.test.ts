import { expect, test } from 'vitest';
import { windowInWords, zoneInWords } from '../../domain/window-words';

const night = { start: '01:00', end: '05:00' };

test('a small-hours window seen in the afternoon is tonight, in the site’s own time', () => {
  // 14:00 in Shanghai.
  expect(windowInWords(new Date('2026-12-02T06:00:00Z'), night, 'Asia/Shanghai')).toEqual({
    opensAt: '2026-12-02T17:00:00.000Z',
    closesAt: '2026-12-02T21:00:00.000Z',
    local: 'tonight 01:00–05:00, Shanghai time',
  });
});

test('an evening window later the same day is tonight', () => {
  expect(windowInWords(new Date('2026-12-02T10:00:00Z'), { start: '22:00', end: '06:00' }, 'Europe/London').local).toBe('tonight 22:00–06:00, London time');
});

test('a small-hours window seen in the morning after it closed opens tomorrow', () => {
  // 08:00 in Shanghai: today's 01:00–05:00 is over.
  expect(windowInWords(new Date('2026-12-02T00:00:00Z'), night, 'Asia/Shanghai').local).toBe('tomorrow 01:00–05:00, Shanghai time');
});

test('a small-hours window seen just after midnight, before it opens, is tonight', () => {
  // 00:30 in Shanghai.
  expect(windowInWords(new Date('2026-12-01T16:30:00Z'), night, 'Asia/Shanghai').local).toBe('tonight 01:00–05:00, Shanghai time');
});

test('a daytime window later the same day is today', () => {
  // 08:00 in Shanghai.
  expect(windowInWords(new Date('2026-12-02T00:00:00Z'), { start: '12:00', end: '14:00' }, 'Asia/Shanghai').local).toBe('today 12:00–14:00, Shanghai time');
});

test('an open window says until when', () => {
  // 02:00 in Shanghai.
  expect(windowInWords(new Date('2026-12-01T18:00:00Z'), night, 'Asia/Shanghai')).toEqual({
    closesAt: '2026-12-01T21:00:00.000Z',
    local: 'open now until 05:00, Shanghai time',
  });
});

test('a window days away names the day', () => {
  // A window that lies in a DST gap on the spring-forward day (Sunday 8 March 2026 in New York) is skipped to the next.
  expect(windowInWords(new Date('2026-03-07T12:00:00Z'), { start: '02:00', end: '02:30' }, 'America/New_York').local).toBe(
    'Mon 9 Mar 02:00–02:30, New York time',
  );
});

test('without a window a site may cut over any time', () => {
  expect(windowInWords(new Date('2026-12-02T06:00:00Z'), undefined, 'Asia/Shanghai')).toEqual({ local: 'any time (Shanghai time)' });
});

test('zones are named by their city, and zones without one as they are', () => {
  expect(zoneInWords('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
  expect(zoneInWords('UTC')).toBe('UTC');
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cursors, eventCursor, type CursorCodec } from '../../src/api/cursor';
import { respelled } from './cursor-support';

const siteCodes = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
const ordinals = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** Each listing with keys it can hold. */
const listings: [string, CursorCodec<any>, fc.Arbitrary<unknown>][] = [
  ['sites', cursors.sites, siteCodes],
  ['rollouts', cursors.rollouts, fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constant('ro_é漢字'))],
  ['rolloutSites', cursors.rolloutSites, ordinals],
];

describe.each(listings)('%s cursors', (_name, codec, keys) => {
  test('decode gives back the key every cursor was issued for, through the query parameter too', () => {
    fc.assert(
      fc.property(keys, (key) => {
        const cursor = codec.encode(key);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(codec.decode(cursor)).toEqual(key);
        expect(codec.param.parse(cursor)).toEqual(key);
      }),
    );
  });

  test('a truncated, extended or altered cursor is refused', () => {
    const damaged = keys.chain((key) => {
      const cursor = codec.encode(key);
      return fc.oneof(
        fc.integer({ min: 0, max: cursor.length - 1 }).map((n) => cursor.slice(0, n)),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,4}$/).map((more) => cursor + more),
        fc
          .tuple(fc.integer({ min: 0, max: cursor.length - 1 }), fc.stringMatching(/^[A-Za-z0-9_-]$/))
          .filter(([at, c]) => cursor[at] !== c)
          .map(([at, c]) => cursor.slice(0, at) + c + cursor.slice(at + 1)),
      );
    });
    fc.assert(
      fc.property(damaged, (cursor) => {
        expect(codec.decode(cursor)).toBeUndefined();
      }),
    );
  });

  test('any text it accepts is the one spelling it issues for that key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const key = codec.decode(text);
        if (key !== undefined) expect(codec.encode(key)).toBe(text);
      }),
    );
  });
});

test('the same bytes spelled with other spare bits are refused', () => {
  // Seven bytes of key and six of check: the last character carries four spare bits.
  const cursor = cursors.sites.encode('ST-0001');
  const other = respelled(cursor)!;
  expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(cursor, 'base64url'));
  expect(cursors.sites.decode(other)).toBeUndefined();
});

test("a listing refuses another listing's cursor even when the key would fit it", () => {
  fc.assert(
    fc.property(ordinals, (ordinal) => {
      // "42" is a site code as well as an ordinal: only the listing the check was made for tells them apart.
      expect(cursors.sites.decode(cursors.rolloutSites.encode(ordinal))).toBeUndefined();
      expect(cursors.rollouts.decode(cursors.rolloutSites.encode(ordinal))).toBeUndefined();
    }),
  );
  fc.assert(
    fc.property(siteCodes, (code) => {
      expect(cursors.rollouts.decode(cursors.sites.encode(code))).toBeUndefined();
      expect(cursors.sites.decode(cursors.rollouts.encode(code))).toBeUndefined();
    }),
  );
});

test('the row key itself, what the listings used to hand out, is not a cursor', () => {
  expect(cursors.sites.decode('ST-001')).toBeUndefined();
  expect(cursors.rollouts.decode('ro_0mabcdefg0123456789')).toBeUndefined();
  expect(cursors.rolloutSites.decode('5')).toBeUndefined();
});

test('the query parameter refuses with one message saying where cursors come from', () => {
  for (const text of ['', 'x', '%00%ff', 'A'.repeat(10_000), cursors.rollouts.encode('ro_1')]) {
    const result = cursors.sites.param.safeParse(text);
    expect(result.success, text).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual(['must be the nextCursor of a page of this listing']);
  }
});

describe('event cursors', () => {
  test('every seq up to the largest safe integer reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (seq) => {
        expect(eventCursor.parse(String(seq))).toBe(seq);
      }),
    );
    expect(eventCursor.parse('0')).toBe(0);
    expect(eventCursor.parse(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  test.each([
    ['empty', ''],
    ['a leading zero', '01'],
    ['a plus sign', '+1'],
    ['a minus sign', '-1'],
    ['a fraction', '1.0'],
    ['an exponent', '1e3'],
    ['spaces', ' 1'],
    ['hex', '0x10'],
    ['one past the largest safe integer', '9007199254740992'],
    ['a number past bigint', '99999999999999999999'],
    ['a thousand digits', '9'.repeat(1000)],
    ['an opaque cursor', cursors.sites.encode('ST-001')],
  ])('%s is refused with one message', (_what, text) => {
    const result = eventCursor.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual(["must be an event's cursor: a whole number without sign or leading zeros"]);
  });

  test('every other spelling of a seq is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom('0', '+', '00', ' '), (seq, prefix) => {
        expect(eventCursor.safeParse(prefix + String(seq)).success).toBe(false);
      }),
    );
  });
});

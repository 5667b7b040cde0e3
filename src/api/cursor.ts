/**
 * Paging cursors, and the one rule for which a listing takes back: only one it issued itself.
 *
 * Keyset listings (sites, rollouts, a rollout's sites) hand out opaque cursors: base64url of the last row's key
 * followed by a check over the listing's name and that key. A cursor that is corrupted, truncated, written
 * differently or issued by another listing fails the check and is refused before anything is read. The check is
 * a digest, not a signature: a cursor made up by hand names a position like any other, which is harmless.
 *
 * The events feed's cursors are event seqs, public numbers (API.md: `after=<cursor>`, the SSE `id`), held to the
 * one decimal spelling they are issued in.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { siteCode } from '../../domain/plan';
import { rolloutParams } from './schemas';

/** Bytes of SHA-256 kept: a damaged or foreign cursor passes by chance once in 2^48. */
const CHECK_BYTES = 6;
/**
 * Longer than any cursor issued (a 100-character rollout id with a 64-character site code, as `/v1/my/sites`
 * writes them, gives 228): longer input is refused unread.
 */
const MAX_OPAQUE_LENGTH = 240;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const NOT_ISSUED = 'must be the nextCursor of a page of this listing';

/** How a listing's cursors are written and read back. */
export interface CursorCodec<K> {
  /** The cursor of the page after the row with `key`; null (no row: the last page) stays null. */
  encode(key: K): string;
  encode(key: K | null): string | null;
  /** The key `cursor` was issued for, or undefined when this listing did not issue it. */
  decode(cursor: string): K | undefined;
  /** The query parameter: decodes to the key, or fails with a message saying where cursors come from. */
  readonly param: z.ZodType<K, string>;
}

function checkOf(listing: string, key: Buffer): Buffer {
  return createHash('sha256').update(`rollwave cursor of ${listing}\n`).update(key).digest().subarray(0, CHECK_BYTES);
}

/** `key` reads the texts that are keys of the listing (a key is written as String(key)). */
function opaqueCursor<K extends string | number>(listing: string, key: z.ZodType<K, string>): CursorCodec<K> {
  const decode = (cursor: string): K | undefined => {
    if (cursor.length > MAX_OPAQUE_LENGTH || !BASE64URL.test(cursor)) return undefined;
    const bytes = Buffer.from(cursor, 'base64url');
    // Buffer's decoder skips stray characters and ignores the last character's spare bits: only the one
    // spelling it would write itself is taken, so each position has a single cursor.
    if (bytes.length <= CHECK_BYTES || bytes.toString('base64url') !== cursor) return undefined;
    const keyBytes = bytes.subarray(0, -CHECK_BYTES);
    if (!checkOf(listing, keyBytes).equals(bytes.subarray(-CHECK_BYTES))) return undefined;
    let keyText: string;
    try {
      keyText = UTF8.decode(keyBytes);
    } catch {
      return undefined;
    }
    const parsed = key.safeParse(keyText);
    return parsed.success ? parsed.data : undefined;
  };
  function encode(k: K): string;
  function encode(k: K | null): string | null;
  function encode(k: K | null): string | null {
    if (k === null) return null;
    const keyBytes = Buffer.from(String(k), 'utf8');
    return Buffer.concat([keyBytes, checkOf(listing, keyBytes)]).toString('base64url');
  }
  return {
    encode,
    decode,
    param: z
      .string()
      .max(MAX_OPAQUE_LENGTH, { error: NOT_ISSUED, abort: true })
      .regex(BASE64URL, NOT_ISSUED)
      .transform((cursor, ctx) => {
        const k = decode(cursor);
        if (k === undefined) ctx.addIssue({ code: 'custom', message: NOT_ISSUED, input: cursor });
        return k ?? z.NEVER;
      })
      .meta({ description: "The previous page's nextCursor; a cursor of another listing is refused" }),
  };
}

/** A whole number in its one decimal spelling (no sign, no leading zero), up to `max`. */
function decimalCursor(max: number, message: string): z.ZodType<number, string> {
  // Sixteen digits hold every safe integer; a longer text is refused before it becomes an imprecise number.
  return z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, { error: message, abort: true })
    .refine((text) => Number(text) <= max, message)
    .transform(Number);
}

/** site_runs.ordinal is a Postgres integer. */
const INT4_MAX = 2 ** 31 - 1;

/** `<rollout id>/<site code>`: a site code has no slash, so the last one splits them. */
const rolloutSiteKey = z.string().refine((text) => {
  const slash = text.lastIndexOf('/');
  return slash > 0 && rolloutParams.shape.id.safeParse(text.slice(0, slash)).success && siteCode.safeParse(text.slice(slash + 1)).success;
});

export const cursors = {
  sites: opaqueCursor('GET /v1/sites', siteCode),
  rollouts: opaqueCursor('GET /v1/rollouts', rolloutParams.shape.id),
  rolloutSites: opaqueCursor('GET /v1/rollouts/{id}/sites', decimalCursor(INT4_MAX, NOT_ISSUED)),
  mySites: opaqueCursor('GET /v1/my/sites', rolloutSiteKey),
  notifications: opaqueCursor('GET /v1/rollouts/{id}/notifications', decimalCursor(Number.MAX_SAFE_INTEGER, NOT_ISSUED)),
};

/**
 * An event's seq, as `cursor`, `nextCursor`, `after` and the SSE `id` show it. events.seq is a bigint read as a
 * JavaScript number, so no seq above the largest safe integer is ever issued.
 */
export const eventCursor = decimalCursor(Number.MAX_SAFE_INTEGER, "must be an event's cursor: a whole number without sign or leading zeros")
  .meta({ description: "An event's cursor; 0 reads from the first event" });

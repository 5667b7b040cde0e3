/** Cursors as a careless client might hand them back: the same bytes spelled another way. */

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * `cursor` with other spare bits in its last character: a lenient base64url decoder reads the same bytes.
 * Undefined when there are none (the length is a multiple of 4).
 */
export function respelled(cursor: string): string | undefined {
  const bytes = Buffer.from(cursor, 'base64url');
  return [...BASE64URL_ALPHABET]
    .map((c) => cursor.slice(0, -1) + c)
    .find((other) => other !== cursor && Buffer.from(other, 'base64url').equals(bytes));
}

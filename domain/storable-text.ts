/**
 * What Postgres text and jsonb can hold: no NUL character and no unpaired UTF-16 surrogate. Input from users is
 * refused when it holds either (the API answers 400); what sites answer is made storable instead.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** What in `text` cannot be stored, in words, if anything. */
export function unstorableChar(text: string): string | undefined {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return undefined;
  return found === '\u0000' ? 'a NUL character (\\u0000)' : 'an unpaired UTF-16 surrogate';
}

/** `text` with each character Postgres cannot store replaced by U+FFFD, the replacement character. */
export const storableText = (text: string): string => (UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, '\uFFFD') : text);

/**
 * autocannon parses responses with http-parser-js, which honours a Content-Length header on a 304 and then
 * waits for body bytes that never come (until its 10 s timeout). RFC 9110 §6.4.1 says a 304 ends at its
 * headers whatever they claim, and Node's own parser, curl and browsers treat it so. Rollwave's 304s carry
 * `content-length: 4` (see BENCHMARKS.md), so the bench makes autocannon's parser behave like the others:
 * a 1xx/204/304 response has no body.
 */
import { createRequire } from 'node:module';

interface Parser {
  type: unknown;
  info: { statusCode?: number };
  body_bytes: number | null;
  isChunked: boolean;
  shouldKeepAlive(): boolean;
}

const require = createRequire(import.meta.url);
const fromAutocannon = createRequire(require.resolve('autocannon'));
const { HTTPParser } = fromAutocannon('http-parser-js') as { HTTPParser: { RESPONSE: unknown; prototype: Parser } };

let patched = false;

export function patchHttpParserFor304(): void {
  if (patched) return;
  patched = true;
  const original = HTTPParser.prototype.shouldKeepAlive;
  // Called once the headers are read and before the parser decides whether a body follows.
  HTTPParser.prototype.shouldKeepAlive = function (this: Parser) {
    const status = this.info.statusCode ?? 0;
    if (this.type === HTTPParser.RESPONSE && (status === 304 || status === 204 || (status >= 100 && status < 200))) {
      this.body_bytes = 0;
      this.isChunked = false;
    }
    return original.call(this);
  };
}

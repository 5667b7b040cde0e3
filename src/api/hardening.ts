/** What every route shares against misuse: accepted media types, a rate limit per key, and input Postgres cannot store. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { countThrottled } from '../metrics';
import { presentedKeyDigest, routeOf } from './auth';
import { ApiError, formatPath, invalid, type ErrorDetail } from './errors';
import { RateLimiter, type RateLimit } from './rate-limiter';

export type { RateLimit } from './rate-limiter';

/** Generous: a dashboard polling every second uses 60 a minute; a runaway script is stopped. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 1200, timeWindowMs: 60_000 };

/** Registered before authentication, so that its hooks run first. `false` turns the rate limit off. */
export function registerHardening(app: FastifyInstance, limit: RateLimit | false = DEFAULT_RATE_LIMIT) {
  // JSON everywhere and CSV on the import route (which adds its parser): Fastify's built-in text/plain parser
  // would hand validators a string, answering 400 about the shape instead of 415 about the media type.
  app.removeContentTypeParser('text/plain');
  if (limit) registerRateLimit(app, limit);
  app.addHook('preValidation', (request, _reply, done) => done(unstorableInput(request)));
}

function registerRateLimit(app: FastifyInstance, limit: RateLimit) {
  const limiter = new RateLimiter(limit);
  const { max, timeWindowMs } = limit;
  app.addHook('onRequest', (request, reply, done) => {
    // Health probes and docs stay reachable whatever another client on the same address does.
    if (routeOf(request).config.public === true) return done();
    // By the key presented, before it is checked, so that a flood of unknown keys is limited as well.
    const presented = presentedKeyDigest(request);
    // A digest is 64 hex digits, an address has dots or colons: the two kinds of key cannot collide.
    const count = limiter.hit(presented ?? request.ip);
    const reset = limiter.secondsToReset();
    reply.header('x-ratelimit-limit', max).header('x-ratelimit-remaining', Math.max(0, max - count)).header('x-ratelimit-reset', reset);
    if (count <= max) return done();
    countThrottled('rate_limit');
    reply.header('retry-after', reset);
    done(new ApiError(429, 'rate_limited', `more than ${max} requests in ${timeWindowMs / 1000} s from this key; retry in ${reset} s`));
  });
}

/** Deeper nesting is refused: JSON.stringify and Postgres recurse over it, and no plan or site needs more. */
const MAX_DEPTH = 32;
/** A body full of bad strings is answered with this many details at most. */
const MAX_DETAILS = 50;

/**
 * Postgres text and jsonb cannot hold a NUL character or an unpaired UTF-16 surrogate, and deeply nested JSON
 * overflows the stack of whatever serializes it: such input is a 400 naming the field, before any route runs.
 */
function unstorableInput(request: FastifyRequest): ApiError | undefined {
  if (flatAndStorable(request.params) && flatAndStorable(request.query) && (request.body === undefined || typeof request.body === 'string')) {
    return undefined;
  }
  const details = [
    ...unstorable(request.params, ['params']),
    ...unstorable(request.query, ['querystring']),
    // A CSV body is checked cell by cell by the import, so that its errors name the row and column.
    ...(typeof request.body === 'string' ? [] : unstorable(request.body, [])),
  ];
  return details.length > 0 ? invalid(details.slice(0, MAX_DETAILS)) : undefined;
}

/**
 * Whether `value` is nothing, or an object of scalars whose keys and strings can all be stored: what parameters
 * and query strings nearly always are, so the walk below (which builds a path per field) is skipped for them.
 */
function flatAndStorable(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'object' && field !== null) return false;
    if (unstorableChar(key) || (typeof field === 'string' && unstorableChar(field))) return false;
  }
  return true;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What in `text` cannot be stored, if anything. */
function unstorableChar(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'an unpaired UTF-16 surrogate';
  return undefined;
}

/** Walks `root` without recursion (it may be nested far too deep for that), in document order. */
function unstorable(root: unknown, prefix: PropertyKey[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: prefix }];
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const char = unstorableChar(value);
      if (char) details.push({ path: formatPath(path), message: `must not contain ${char}` });
    } else if (value !== null && typeof value === 'object') {
      if (path.length - prefix.length >= MAX_DEPTH) {
        details.push({ path: formatPath(path), message: `nests deeper than ${MAX_DEPTH} levels` });
        continue;
      }
      const isArray = Array.isArray(value);
      for (const [key, child] of Object.entries(value).reverse()) {
        const childPath = [...path, isArray ? Number(key) : key];
        const char = isArray ? undefined : unstorableChar(key);
        if (char) details.push({ path: formatPath(childPath), message: `is a field name holding ${char}` });
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return details;
}

/**
 * Bearer API keys and roles (API.md). Keys are long random secrets, so a SHA-256 digest is enough to store
 * them (a slow password hash would tax every dashboard poll); lookups go by digest. Failed authentications are
 * counted per client address, and an address past its allowance has no key looked up until the window ends.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findActiveKeyByDigest } from '../../db/api-keys';
import type { Db } from '../../db/client';
import { countAuthFailure, countThrottled } from '../metrics';
import { ApiError } from './errors';
import type { KeyCache } from './key-cache';
import type { Principal, Role } from './principal';
import type { RateLimiter } from './rate-limiter';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** The digest of the key presented (null: none); see presentedKeyDigest. */
    keyDigest?: string | null;
    /** The route's options, read once; see routeOf. */
    routeInfo?: FastifyRequest['routeOptions'];
  }
  interface FastifyContextConfig {
    /** Roles allowed on the route; omitted → any valid key (reads). */
    roles?: readonly Role[];
    /** The route needs no key (health, docs). */
    public?: boolean;
  }
}

/** One-shot hashing: no Hash object per request. */
export const digest = (key: string) => hash('sha256', key, 'hex');
export const newApiKey = () => `rw_${randomBytes(32).toString('base64url')}`;

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SEND_A_KEY = 'send an API key as "Authorization: Bearer <key>"';

/**
 * Declares what the API's hooks add to every request, so that requests keep one shape (a property added later
 * would change it, and slow every access to a request). Called before any hook that uses them.
 */
export function decorateRequests(app: FastifyInstance) {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('keyDigest', undefined);
  app.decorateRequest('routeInfo', undefined);
}

/** The options of the route a request matched; Fastify builds `routeOptions` afresh on every read, this reads it once. */
export function routeOf(request: FastifyRequest): FastifyRequest['routeOptions'] {
  return (request.routeInfo ??= request.routeOptions);
}

/**
 * The digest of the key a request presents as `Authorization: Bearer <key>`, or undefined without one; taken
 * once per request, for the rate limit (which runs first) and authentication alike.
 */
export function presentedKeyDigest(request: FastifyRequest): string | undefined {
  if (request.keyDigest === undefined) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    request.keyDigest = match ? digest(match[1]!) : null;
  }
  return request.keyDigest ?? undefined;
}

async function findPrincipalByKeyDigest(db: Db, keyHash: string): Promise<Principal | undefined> {
  const key = await findActiveKeyByDigest(db, keyHash);
  return key && { ...key, role: key.role as Role };
}

export interface AuthOptions {
  db: Db;
  adminKey?: string;
  keys: KeyCache;
  /** Counts failed authentications per client address; omitted → not limited. */
  failures?: RateLimiter;
}

export function registerAuth(app: FastifyInstance, { db, adminKey, keys, failures }: AuthOptions) {
  const adminDigest = adminKey ? Buffer.from(digest(adminKey), 'hex') : undefined;
  const admin: Principal = Object.freeze({ id: 'admin', name: 'bootstrap admin key', role: 'admin', sites: Object.freeze([]) });
  const read = (keyHash: string) => findPrincipalByKeyDigest(db, keyHash);

  /** The principal a route may act for, or the error that refuses it. */
  function admit(request: FastifyRequest, principal: Principal | undefined, roles: readonly Role[] | undefined, url: string) {
    if (!principal) return new ApiError(401, 'unauthorized', 'the API key is unknown or revoked');
    request.principal = principal;
    if (roles && !roles.includes(principal.role)) {
      return new ApiError(403, 'forbidden', `a ${principal.role} key may not ${request.method} ${url}`);
    }
    return undefined;
  }

  /**
   * Counts an attempt of `address` to authenticate with what this process does not know, or refuses it (429) once
   * the address has had its allowance for the window: then nothing is looked up.
   */
  function overAllowance(request: FastifyRequest, reply: FastifyReply, address: string) {
    if (!failures) return undefined;
    const { max, timeWindowMs } = failures.limit;
    const count = failures.hit(address);
    if (count <= max) return undefined;
    const reset = failures.secondsToReset();
    if (count === max + 1) {
      const message = 'failed authentications over the limit: keys from this address are not looked up until the window ends';
      request.log.warn({ address, failures: max, retryAfter: reset }, message);
    }
    countThrottled('auth_failures');
    reply.header('retry-after', reset);
    return new ApiError(429, 'rate_limited', `more than ${max} failed authentications in ${timeWindowMs / 1000} s from this address; retry in ${reset} s`);
  }

  // A callback hook: a key kept in memory is admitted without a promise, as every dashboard poll is.
  app.addHook('onRequest', (request, reply, done) => {
    const { config, url } = routeOf(request);
    if (config.public || !url) return done();
    const presented = presentedKeyDigest(request);
    if (presented) {
      const kept = keys.get(presented);
      if (kept) return done(admit(request, kept, config.roles, url));
      if (adminDigest && timingSafeEqual(adminDigest, Buffer.from(presented, 'hex'))) return done(admit(request, admin, config.roles, url));
    } else if (request.headers.authorization === undefined) {
      // No guess, and nothing to look up: not counted against the address (the rate limit still counts it).
      countAuthFailure('missing');
      return done(new ApiError(401, 'unauthorized', SEND_A_KEY));
    }
    // Counted before the lookup rather than once it fails, so that guesses sent all at once are bounded too.
    const address = request.ip;
    const refused = overAllowance(request, reply, address);
    if (refused) return done(refused);
    if (!presented) {
      countAuthFailure('malformed');
      return done(new ApiError(401, 'unauthorized', SEND_A_KEY));
    }
    const window = failures?.windowEnd ?? 0;
    keys.lookup(presented, read).then((principal) => {
      // A key that was found was no guess: its attempt is taken back.
      if (principal) failures?.forgive(address, window);
      else countAuthFailure('unknown_key');
      done(admit(request, principal, config.roles, url));
    }, done);
  });
}

/** The principal of an authenticated request; routes behind the auth hook always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'unauthorized', SEND_A_KEY);
  return request.principal;
}

export const MANAGERS: readonly Role[] = ['admin', 'manager'];

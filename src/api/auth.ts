/**
 * Bearer API keys and roles (API.md). Keys are long random secrets, so a SHA-256 digest is enough to store
 * them (a slow password hash would tax every dashboard poll); lookups go by digest.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import { apiKeys } from '../../db/schema';
import { ApiError } from './errors';
import type { KeyCache } from './key-cache';

export const ROLES = ['admin', 'manager', 'site-lead', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** For a site lead: the sites whose readiness it may confirm. */
  readonly sites: readonly string[];
}

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

async function readPrincipal(db: Db, keyHash: string): Promise<Principal | undefined> {
  const [key] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, sites: apiKeys.sites })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return key && { ...key, role: key.role as Role };
}

export function registerAuth(app: FastifyInstance, db: Db, adminKey: string | undefined, keys: KeyCache) {
  const adminDigest = adminKey ? Buffer.from(digest(adminKey), 'hex') : undefined;
  const admin: Principal = Object.freeze({ id: 'admin', name: 'bootstrap admin key', role: 'admin', sites: Object.freeze([]) });
  const read = (keyHash: string) => readPrincipal(db, keyHash);

  /** The principal a route may act for, or the error that refuses it. */
  function admit(request: FastifyRequest, principal: Principal | undefined, roles: readonly Role[] | undefined, url: string) {
    if (!principal) return new ApiError(401, 'unauthorized', 'the API key is unknown or revoked');
    request.principal = principal;
    if (roles && !roles.includes(principal.role)) {
      return new ApiError(403, 'forbidden', `a ${principal.role} key may not ${request.method} ${url}`);
    }
    return undefined;
  }

  // A callback hook: a key kept in memory is admitted without a promise, as every dashboard poll is.
  app.addHook('onRequest', (request, _reply, done) => {
    const { config, url } = routeOf(request);
    if (config.public || !url) return done();
    const presented = presentedKeyDigest(request);
    if (!presented) return done(new ApiError(401, 'unauthorized', 'send an API key as "Authorization: Bearer <key>"'));
    const kept = keys.get(presented);
    if (kept) return done(admit(request, kept, config.roles, url));
    if (adminDigest && timingSafeEqual(adminDigest, Buffer.from(presented, 'hex'))) return done(admit(request, admin, config.roles, url));
    keys.lookup(presented, read).then((principal) => done(admit(request, principal, config.roles, url)), done);
  });
}

/** The principal of an authenticated request; routes behind the auth hook always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'unauthorized', 'send an API key as "Authorization: Bearer <key>"');
  return request.principal;
}

export const MANAGERS: readonly Role[] = ['admin', 'manager'];

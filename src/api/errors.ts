/**
 * The one mapping from failures to HTTP: validation 400, not found 404, not allowed now 409, a reused
 * Idempotency-Key 422, dependency down 503.
 */
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { FAILURE } from '../../workflows/contract';
import { IdempotencyKeyReused, InvalidPlan } from '../rollouts/errors';

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} does not exist`);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const invalid = (details: ErrorDetail[], message = describeDetails(details)) =>
  new ApiError(400, 'invalid_request', message, details);

/** `['waves', 1, 'maxParallel']` → `waves[1].maxParallel`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** One detail per problem; an object with unknown fields gives one detail per field, each naming it. */
export function zodDetails(error: z.ZodError, prefix: PropertyKey[] = []): ErrorDetail[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...prefix, ...issue.path, key]), message: 'is not a known field' }))
      : [{ path: formatPath([...prefix, ...issue.path]), message: issue.message }],
  );
}

/**
 * Validates each part of a request with its zod schema. Unlike fastify-type-provider-zod's compiler, which flattens
 * paths into JSON pointers, the zod issue paths are kept: a key holding "/" or digits is still named exactly.
 * Body paths are bare (`waves[1].maxParallel`); other parts are prefixed (`params.code`, `querystring.limit`).
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const prefix = httpPart && httpPart !== 'body' ? [httpPart] : [];
  return (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: invalid(zodDetails(result.error, prefix)) };
  };
};

function describeDetails(details: ErrorDetail[]): string {
  const first = details[0];
  if (!first) return 'the request is invalid';
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''})` : '';
  return `${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}

/** Temporal failures an action can meet, as API errors; anything else is rethrown. */
export function fromTemporal(err: unknown, what: string): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === FAILURE.conflict) {
    throw conflict(err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) throw conflict(`${what} is no longer running`);
  if (err instanceof ServiceError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcServiceError(err)) {
    throw new ApiError(503, 'temporal_unavailable', 'the orchestration service is not reachable; try again shortly');
  }
  throw err;
}

/** Socket errors and postgres.js's own connection errors. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
]);
/** SQLSTATE class 08 (connection exception), 57P01-03 (shutting down, crashed, starting up), 53300 (too many connections). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/**
 * Which dependency `err` says is down, looking through its causes: Drizzle wraps the driver's error in a
 * DrizzleQueryError whose `cause` carries the code.
 */
function unavailableDependency(err: unknown): 'database' | 'temporal' | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ServiceError || isGrpcServiceError(e)) return 'temporal';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return 'database';
  }
  return undefined;
}

const UNAVAILABLE = {
  database: { code: 'database_unavailable', message: 'the database is not reachable; try again shortly' },
  temporal: { code: 'temporal_unavailable', message: 'the orchestration service is not reachable; try again shortly' },
} as const;

/** The API's own errors as they are, and the domain's refusals by kind; undefined for anything else. */
function apiErrorOf(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof InvalidPlan) return invalid(err.problems);
  if (err instanceof IdempotencyKeyReused) return new ApiError(422, 'idempotency_key_reused', err.message);
  return undefined;
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return reply.status(status).send({ error: { code, message, details, requestId: request.id } });
}

export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = apiErrorOf(err);
    if (known) return send(reply, request, known.statusCode, known.code, known.message, known.details);
    const down = unavailableDependency(err);
    if (down) {
      request.log.warn({ err, dependency: down }, 'dependency unavailable');
      reply.header('retry-after', '5');
      return send(reply, request, 503, UNAVAILABLE[down].code, UNAVAILABLE[down].message);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 429 ? 'rate_limited' : 'invalid_request';
      return send(reply, request, status, code, err.message);
    }
    request.log.error({ err }, 'request failed');
    return send(reply, request, 500, 'internal_error', 'an internal error occurred; it has been logged');
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, 404, 'not_found', `no route for ${request.method} ${request.url.split('?')[0]}`));
}

/** Failures the router meets before any route runs; Fastify would answer them with a body of its own. */
const ROUTER_ERRORS: Record<string, string> = {
  FST_ERR_BAD_URL: 'the URL is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than any name or id this API knows',
};

export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const message = ROUTER_ERRORS[err.code];
  if (!message) {
    request.log.error({ err }, 'routing failed');
    return send(reply, request, 500, 'internal_error', 'an internal error occurred; it has been logged');
  }
  return send(reply, request, 400, 'invalid_request', message, [{ path: 'url', message }]);
}

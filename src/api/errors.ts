/** The one mapping from failures to HTTP: validation 400, not found 404, not allowed now 409, dependency down 503. */
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { FAILURE } from '../../workflows/contract';

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

export function zodDetails(error: z.ZodError, prefix: PropertyKey[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

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

function isDependencyDown(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    err instanceof ServiceError ||
    isGrpcServiceError(err) ||
    code === 'ECONNREFUSED' ||
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECT_TIMEOUT' ||
    code === '57P01' /* admin shutdown */ ||
    code === '57P03' /* cannot connect now */
  );
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return reply.status(status).send({ error: { code, message, details, requestId: request.id } });
}

export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) return send(reply, request, err.statusCode, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext === 'body' ? [] : [err.validationContext ?? ''];
      const details = err.validation.map((v) => ({
        path: formatPath([...where.filter(Boolean), ...v.instancePath.split('/').filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k))]),
        message: v.message ?? 'is invalid',
      }));
      return send(reply, request, 400, 'invalid_request', describeDetails(details), details);
    }
    if (isDependencyDown(err)) {
      request.log.warn({ err }, 'dependency unavailable');
      return send(reply, request, 503, 'dependency_unavailable', 'a dependency (database or orchestration service) is not reachable; try again shortly');
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

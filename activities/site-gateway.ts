/**
 * How a step reaches a site: the HTTP site protocol (SITE-PROTOCOL.md) or the built-in simulation.
 * Errors follow the protocol's classes: permanent ones are non-retryable ApplicationFailures, transient ones
 * plain errors that Temporal's retry policy retries with the same Idempotency-Key.
 */
import { ApplicationFailure } from '@temporalio/common';
import { storableText } from '../domain/storable-text';
import { FAILURE } from '../workflows/contract';

export interface Dataset {
  uri: string;
  records: number;
  checksum?: string;
}

export type DataLoadStatus =
  | { state: 'running'; loaded?: number; total?: number }
  | { state: 'done'; loaded: number; checksum?: string }
  | { state: 'failed'; error: string };

/** Headers every call of one step carries; `key` is stable across automatic retries of that step. */
export interface CallContext {
  rolloutId: string;
  site: string;
  key: string;
  /** Aborts the call when the activity is cancelled (e.g. the worker shuts down). */
  signal?: AbortSignal;
}

export interface SiteGateway {
  pushConfig(c: CallContext, body: { version: string; config: unknown }): Promise<{ appliedVersion?: string; previousVersion?: string | null }>;
  startDataLoad(c: CallContext, dataset: Dataset): Promise<{ id: string }>;
  getDataLoad(c: CallContext, id: string): Promise<DataLoadStatus>;
  cutover(c: CallContext, version: string): Promise<void>;
  health(c: CallContext): Promise<{ ok: boolean; version?: string }>;
  rollbackConfig(c: CallContext, toVersion: string | null): Promise<void>;
  rollbackDataLoad(c: CallContext, id: string): Promise<void>;
  rollbackCutover(c: CallContext): Promise<void>;
}

const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 405, 409, 410, 413, 415, 422]);
const REQUEST_TIMEOUT_MS = 30_000;

export class HttpSiteGateway implements SiteGateway {
  constructor(private readonly base: string) {}

  async pushConfig(c: CallContext, body: { version: string; config: unknown }) {
    return this.call<{ appliedVersion?: string; previousVersion?: string | null }>(c, 'POST', '/config', {
      rolloutId: c.rolloutId,
      site: c.site,
      ...body,
    });
  }

  async startDataLoad(c: CallContext, dataset: Dataset) {
    const res = await this.call<{ id?: unknown }>(c, 'POST', '/data-loads', { rolloutId: c.rolloutId, site: c.site, dataset });
    if (typeof res.id !== 'string' && typeof res.id !== 'number') {
      throw ApplicationFailure.nonRetryable('data load: the site answered without a load id', FAILURE.sitePermanent);
    }
    return { id: String(res.id) };
  }

  async getDataLoad(c: CallContext, id: string) {
    return this.call<DataLoadStatus>(c, 'GET', `/data-loads/${encodeURIComponent(id)}`);
  }

  async cutover(c: CallContext, version: string) {
    await this.call(c, 'POST', '/cutover', { rolloutId: c.rolloutId, site: c.site, version });
  }

  async health(c: CallContext) {
    return this.call<{ ok: boolean; version?: string }>(c, 'GET', '/health');
  }

  async rollbackConfig(c: CallContext, toVersion: string | null) {
    await this.call(c, 'POST', '/config/rollback', { rolloutId: c.rolloutId, site: c.site, toVersion });
  }

  async rollbackDataLoad(c: CallContext, id: string) {
    await this.call(c, 'POST', `/data-loads/${encodeURIComponent(id)}/rollback`, { rolloutId: c.rolloutId, site: c.site });
  }

  async rollbackCutover(c: CallContext) {
    await this.call(c, 'POST', '/cutover/rollback', { rolloutId: c.rolloutId, site: c.site });
  }

  private async call<T>(c: CallContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = this.base.replace(/\/+$/, '') + path;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'idempotency-key': c.key,
          'x-rollwave-rollout': c.rolloutId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: c.signal ? AbortSignal.any([c.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      // Refused connections, resets and timeouts are transient: the retry policy tries again.
      throw new Error(`${method} ${path}: ${describeNetworkError(err)}`);
    }
    // A site's answer ends up in the site's row and the audit trail: keep it storable.
    const text = storableText(await res.text());
    const json = parseJson(text);
    if (res.ok) return (json ?? {}) as T;
    const message = `${method} ${path} → HTTP ${res.status}${bodyMessage(json, text)}`;
    if (PERMANENT_STATUSES.has(res.status)) throw ApplicationFailure.nonRetryable(message, FAILURE.sitePermanent);
    throw new Error(message);
  }
}

/** Instant success for demos: a rollout that names no gateway. */
export class SimulatedGateway implements SiteGateway {
  constructor(
    private readonly version: string,
    private readonly dataset?: Dataset,
  ) {}

  async pushConfig() {
    return { appliedVersion: this.version, previousVersion: null };
  }
  async startDataLoad(c: CallContext) {
    return { id: `simulated-${c.site}` };
  }
  async getDataLoad(): Promise<DataLoadStatus> {
    return { state: 'done', loaded: this.dataset?.records ?? 0, checksum: this.dataset?.checksum };
  }
  async cutover() {}
  async health() {
    return { ok: true, version: this.version };
  }
  async rollbackConfig() {}
  async rollbackDataLoad() {}
  async rollbackCutover() {}
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    // Escapes (\u0000) decode to what the raw text could not hold.
    return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? storableText(value) : value));
  } catch {
    return undefined;
  }
}

function bodyMessage(json: unknown, text: string): string {
  const body = (json && typeof json === 'object' ? json : {}) as { message?: unknown; error?: unknown };
  const nested = body.error && typeof body.error === 'object' ? (body.error as { message?: unknown }).message : body.error;
  const fromJson = body.message ?? nested;
  const message = typeof fromJson === 'string' ? fromJson : text.slice(0, 200);
  return message ? `: ${message}` : '';
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (err.name === 'TimeoutError') return `timed out after ${REQUEST_TIMEOUT_MS / 1000}s`;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}

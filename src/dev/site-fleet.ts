/**
 * A fleet of fake sites behind one real HTTP server, speaking the Rollwave
 * per-site protocol. Tests script each site's behaviour (failures, slow loads,
 * holds) and inspect what the orchestrator actually sent; the bench runs
 * rollouts against it.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type Step =
  | 'config_push'
  | 'config_rollback'
  | 'data_load'
  | 'data_load_poll'
  | 'data_load_rollback'
  | 'cutover'
  | 'cutover_rollback'
  | 'health';

export interface Call {
  /** Arrival time, epoch ms. */
  at: number;
  site: string;
  step: Step;
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  rolloutId: string | undefined;
  /** Parsed JSON body; the raw text when it was not valid JSON. */
  body: unknown;
  /** Undefined while the call is still being handled (e.g. held). */
  status: number | undefined;
}

export interface Failure {
  status: number;
  message?: string;
  /** Fail only the next `times` calls; omitted means every call. */
  times?: number;
  /** Apply the step, then still answer with the failure: a lost response. */
  afterApply?: boolean;
}

export interface Behaviour {
  fail: Partial<Record<Step, Failure>>;
  delayMs: Partial<Record<Step, number>>;
  /** Polls that report `running` before a data load finishes. */
  loadPolls: number;
  /** Overrides the checksum a finished load reports. */
  loadChecksum?: string;
  /** Overrides the record count a finished load reports. */
  loadCount?: number;
  /** Makes loads end `failed` with this error. */
  loadError?: string;
  healthOk: boolean;
  /** Overrides the version health reports. */
  healthVersion?: string;
}

export interface Dataset {
  uri: string;
  records: number;
  checksum?: string;
}

export type LoadStatus =
  | { state: 'running'; loaded: number; total: number }
  | { state: 'done'; loaded: number; checksum: string }
  | { state: 'failed'; error: string };

export interface DataLoad {
  id: string;
  dataset: Dataset;
  polls: number;
  status: LoadStatus;
  rolledBack: boolean;
}

export interface SiteState {
  version: string;
  previousVersion: string | undefined;
  config: unknown;
  cutOver: boolean;
  loads: Map<string, DataLoad>;
}

export interface Hold {
  release(): void;
}

export interface FleetOptions {
  /** Version every site starts at; default "5.1.0". */
  initialVersion?: string;
  /** Per-site starting versions, by site code. */
  versions?: Record<string, string>;
}

interface Reply {
  status: number;
  body: unknown;
}

type Json = Record<string, unknown>;

const ROUTES: ReadonlyArray<{ step: Step; method: string; pattern: RegExp }> = [
  { step: 'config_push', method: 'POST', pattern: /^\/config$/ },
  { step: 'config_rollback', method: 'POST', pattern: /^\/config\/rollback$/ },
  { step: 'data_load', method: 'POST', pattern: /^\/data-loads$/ },
  { step: 'data_load_poll', method: 'GET', pattern: /^\/data-loads\/([^/]+)$/ },
  { step: 'data_load_rollback', method: 'POST', pattern: /^\/data-loads\/([^/]+)\/rollback$/ },
  { step: 'cutover', method: 'POST', pattern: /^\/cutover$/ },
  { step: 'cutover_rollback', method: 'POST', pattern: /^\/cutover\/rollback$/ },
  { step: 'health', method: 'GET', pattern: /^\/health$/ },
];

/** String fields each JSON-bodied step requires besides rolloutId and site. */
const BODY_FIELDS: Partial<Record<Step, readonly string[]>> = {
  config_push: ['version'],
  config_rollback: ['toVersion'],
  data_load: [],
  cutover: ['version'],
  cutover_rollback: [],
};

const defaultBehaviour = (): Behaviour => ({ fail: {}, delayMs: {}, loadPolls: 0, healthOk: true });

const reply = (status: number, body: unknown): Reply => ({ status, body });
const error = (status: number, message: string): Reply => reply(status, { message });
const isOk = (status: number): boolean => status >= 200 && status < 300;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function isDataset(v: unknown): v is Dataset {
  return (
    isObject(v) &&
    typeof v.uri === 'string' &&
    typeof v.records === 'number' &&
    (v.checksum === undefined || typeof v.checksum === 'string')
  );
}

/** What a correct load of `dataset` reports when the caller gave no checksum. */
function checksumOf(dataset: Dataset): string {
  return createHash('sha256').update(`${dataset.uri}:${dataset.records}`).digest('hex').slice(0, 16);
}

function contractError(call: Call, code: string): Reply | undefined {
  if (!call.idempotencyKey) return error(400, 'missing Idempotency-Key header');
  if (!call.rolloutId) return error(400, 'missing X-Rollwave-Rollout header');
  const fields = BODY_FIELDS[call.step];
  if (!fields) return undefined; // GETs and load rollback carry no body
  const body = call.body;
  if (!isObject(body)) return error(422, 'body must be a JSON object');
  if (body.site !== code) return error(422, `body.site ${JSON.stringify(body.site)} is not ${code}`);
  if (body.rolloutId !== call.rolloutId) return error(422, 'body.rolloutId differs from X-Rollwave-Rollout');
  const missing = fields.find((f) => typeof body[f] !== 'string');
  if (missing) return error(422, `body.${missing} must be a string`);
  if (call.step === 'data_load' && !isDataset(body.dataset)) {
    return error(422, 'body.dataset must be {uri, records, checksum?}');
  }
  return undefined;
}

class Site {
  readonly state: SiteState;
  behaviour = defaultBehaviour();
  readonly received = new Map<Step, number>();
  readonly applied = new Map<Step, number>();
  /** Successful replies of mutating calls, by step + load id + idempotency key. */
  readonly replies = new Map<string, Reply>();
  readonly gates = new Map<Step, Promise<void>>();
  /**
   * In-flight interval in event sequence numbers (not wall time, which ties at
   * ms resolution). The end is only known in hindsight — "the last health
   * check" — so the endpoints are kept up to date as events happen and the
   * overlap is computed on demand.
   */
  private flight: { start?: number; healthEnd?: number; lastEnd: number; pending: number } = {
    lastEnd: 0,
    pending: 0,
  };

  constructor(version: string) {
    this.state = { version, previousVersion: undefined, config: undefined, cutOver: false, loads: new Map() };
  }

  arrived(step: Step, seq: number): void {
    this.received.set(step, (this.received.get(step) ?? 0) + 1);
    if (step === 'config_push' && this.flight.start === undefined) this.flight.start = seq;
    this.flight.pending++;
  }

  responded(step: Step, seq: number): void {
    this.flight.pending--;
    this.flight.lastEnd = seq;
    if (step === 'health' && this.flight.start !== undefined) this.flight.healthEnd = seq;
  }

  flightInterval(): [number, number] | undefined {
    const { start, healthEnd, lastEnd, pending } = this.flight;
    if (start === undefined) return undefined;
    return [start, healthEnd ?? (pending > 0 ? Infinity : lastEnd)];
  }

  /** Consumes one use of the step's scripted failure, if any. */
  takeFailure(step: Step): Failure | undefined {
    const failure = this.behaviour.fail[step];
    if (failure?.times === undefined) return failure;
    failure.times--;
    if (failure.times <= 0) delete this.behaviour.fail[step];
    return failure;
  }

  apply(step: Step, body: Json, loadId: string | undefined): Reply {
    const s = this.state;
    switch (step) {
      case 'config_push':
      case 'config_rollback': {
        const version = (step === 'config_push' ? body.version : body.toVersion) as string;
        s.previousVersion = s.version;
        s.version = version;
        if (step === 'config_push') s.config = body.config;
        return reply(200, { appliedVersion: version, previousVersion: s.previousVersion });
      }
      case 'data_load': {
        const id = `load-${s.loads.size + 1}`;
        const dataset = body.dataset as Dataset;
        const status: LoadStatus = { state: 'running', loaded: 0, total: dataset.records };
        s.loads.set(id, { id, dataset, polls: 0, status, rolledBack: false });
        return reply(202, { id });
      }
      case 'data_load_poll':
      case 'data_load_rollback': {
        const load = s.loads.get(loadId ?? '');
        if (!load) return error(404, `no data load ${loadId}`);
        if (step === 'data_load_rollback') {
          load.rolledBack = true;
          return reply(200, { id: load.id, rolledBack: true });
        }
        return reply(200, { id: load.id, ...this.advance(load) });
      }
      case 'cutover':
        if (body.version !== s.version) {
          return error(409, `site runs ${s.version}, cannot cut over to ${String(body.version)}`);
        }
        s.cutOver = true;
        return reply(200, { version: s.version });
      case 'cutover_rollback':
        s.cutOver = false;
        return reply(200, { version: s.version });
      case 'health':
        return reply(200, { ok: this.behaviour.healthOk, version: this.behaviour.healthVersion ?? s.version });
    }
  }

  /** Each poll moves a running load along; behaviour is read at poll time so tests can change it mid-load. */
  private advance(load: DataLoad): LoadStatus {
    if (load.status.state !== 'running') return load.status;
    load.polls++;
    const b = this.behaviour;
    const total = load.dataset.records;
    if (load.polls <= b.loadPolls) {
      load.status = { state: 'running', loaded: Math.floor((total * load.polls) / (b.loadPolls + 1)), total };
    } else if (b.loadError !== undefined) {
      load.status = { state: 'failed', error: b.loadError };
    } else {
      const checksum = b.loadChecksum ?? load.dataset.checksum ?? checksumOf(load.dataset);
      load.status = { state: 'done', loaded: b.loadCount ?? total, checksum };
    }
    return load.status;
  }
}

function route(method: string, pathname: string): { step: Step; code: string; loadId?: string } | undefined {
  const site = /^\/sites\/([^/]+)(\/.*)$/.exec(pathname);
  if (!site) return undefined;
  for (const r of ROUTES) {
    const m = r.method === method ? r.pattern.exec(site[2]!) : null;
    if (m) {
      try {
        return { step: r.step, code: decodeURIComponent(site[1]!), loadId: m[1] && decodeURIComponent(m[1]) };
      } catch {
        return undefined; // malformed percent-encoding: no such site
      }
    }
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, { status, body }: Reply): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export class Fleet {
  readonly calls: Call[] = [];
  private readonly sites = new Map<string, Site>();
  private readonly waiters = new Set<{ predicate: (call: Call) => boolean; resolve: (call: Call) => void; reject: (e: Error) => void }>();
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((e: unknown) => send(res, error(500, `fleet bug: ${String(e)}`)));
  });
  private seq = 0;
  private port = 0;

  constructor(private readonly options: FleetOptions = {}) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get endpointTemplate(): string {
    return `${this.baseUrl}/sites/{code}`;
  }

  siteUrl(code: string): string {
    return `${this.baseUrl}/sites/${encodeURIComponent(code)}`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w.reject(new Error('fleet closed'));
    this.waiters.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** The site's live state; sites come into being on first mention. */
  state(code: string): Readonly<SiteState> {
    return this.site(code).state;
  }

  /** Merges into the site's behaviour; `fail` and `delayMs` merge per step. */
  behave(code: string, patch: Partial<Behaviour>): void {
    const site = this.site(code);
    const { fail, delayMs, ...rest } = patch;
    // Copy failures: their `times` counts down, and the caller's object must not.
    const copied = Object.fromEntries(Object.entries(fail ?? {}).map(([step, f]) => [step, f && { ...f }]));
    site.behaviour = {
      ...site.behaviour,
      ...rest,
      fail: { ...site.behaviour.fail, ...copied },
      delayMs: { ...site.behaviour.delayMs, ...delayMs },
    };
  }

  /** Back to default behaviour; state, calls and holds are kept. */
  reset(code: string): void {
    this.site(code).behaviour = defaultBehaviour();
  }

  /** Calls of `step` at `code` block (after being recorded) until released. */
  hold(code: string, step: Step): Hold {
    const gates = this.site(code).gates;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    gates.set(step, gate);
    return {
      release: () => {
        if (gates.get(step) === gate) gates.delete(step);
        release();
      },
    };
  }

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitForCall(predicate: (call: Call) => boolean, timeoutMs = 5_000): Promise<Call> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (call: Call) => {
          clearTimeout(timer);
          resolve(call);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching fleet call within ${timeoutMs}ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  callsFor(code: string): Call[] {
    return this.calls.filter((c) => c.site === code);
  }

  received(code: string, step: Step): number {
    return this.site(code).received.get(step) ?? 0;
  }

  /** How often the step took effect: distinct successful idempotency keys (successful answers for GETs). */
  applied(code: string, step: Step): number {
    return this.site(code).applied.get(step) ?? 0;
  }

  /**
   * Most sites in flight at once. A site is in flight from its first
   * config_push request until the response to its last health check, or
   * its last call if it never reached health.
   */
  maxConcurrentSites(codes?: Iterable<string>): number {
    const wanted = codes && new Set(codes);
    const edges: Array<[seq: number, delta: number]> = [];
    for (const [code, site] of this.sites) {
      const interval = !wanted || wanted.has(code) ? site.flightInterval() : undefined;
      if (interval) edges.push([interval[0], 1], [interval[1], -1]);
    }
    edges.sort((a, b) => a[0] - b[0]);
    let current = 0;
    let max = 0;
    for (const [, delta] of edges) {
      current += delta;
      max = Math.max(max, current);
    }
    return max;
  }

  private site(code: string): Site {
    let site = this.sites.get(code);
    if (!site) {
      site = new Site(this.options.versions?.[code] ?? this.options.initialVersion ?? '5.1.0');
      this.sites.set(code, site);
    }
    return site;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    const matched = route(method, path);
    const raw = await readBody(req);
    if (!matched) return send(res, error(404, `no route for ${method} ${path}`));

    let body: unknown = raw;
    let badJson = false;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      badJson = true;
    }
    const header = (name: string) => req.headers[name] as string | undefined;
    const call: Call = {
      at: Date.now(),
      site: matched.code,
      step: matched.step,
      method,
      path,
      idempotencyKey: header('idempotency-key'),
      rolloutId: header('x-rollwave-rollout'),
      body,
      status: undefined,
    };
    const site = this.site(call.site);
    this.calls.push(call);
    site.arrived(call.step, ++this.seq);
    for (const w of this.waiters) {
      if (w.predicate(call)) {
        this.waiters.delete(w);
        w.resolve(call);
      }
    }

    const result = badJson ? error(400, 'invalid JSON body') : await this.answer(site, call, matched.loadId);
    call.status = result.status;
    site.responded(call.step, ++this.seq);
    send(res, result);
  }

  private async answer(site: Site, call: Call, loadId: string | undefined): Promise<Reply> {
    await site.gates.get(call.step);
    const delay = site.behaviour.delayMs[call.step];
    if (delay) await sleep(delay);

    const invalid = contractError(call, call.site);
    if (invalid) return invalid;
    const failure = site.takeFailure(call.step);
    const failed = failure && error(failure.status, failure.message ?? 'injected failure');
    if (failed && !failure.afterApply) return failed;

    // GETs are not replayed: a poll under a stable key must still see progress.
    const replayKey = call.method === 'POST' ? `${call.step} ${loadId ?? ''} ${call.idempotencyKey}` : undefined;
    let result = replayKey === undefined ? undefined : site.replies.get(replayKey);
    if (!result) {
      result = site.apply(call.step, (call.body ?? {}) as Json, loadId);
      if (isOk(result.status)) {
        site.applied.set(call.step, (site.applied.get(call.step) ?? 0) + 1);
        if (replayKey !== undefined) site.replies.set(replayKey, result);
      }
    }
    return failed ?? result;
  }
}

export async function startFleet(options?: FleetOptions): Promise<Fleet> {
  return new Fleet(options).listen();
}

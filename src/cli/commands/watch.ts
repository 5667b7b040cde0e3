/**
 * `rollwave watch ID`: follows the rollout's event stream (GET /v1/rollouts/{id}/stream) and re-reads its progress
 * after events. A dropped stream is resumed with Last-Event-ID = the last cursor seen, and an event at or before it
 * is dropped, so nothing is missed or shown twice. Exits 0 on completed, 3 on halted or aborted, 4 when the server
 * stays away; Ctrl-C leaves the rollout running (exit 130).
 */
import { createParser } from 'eventsource-parser';
import { refusal, unreachable, type Context } from '../context';
import { CliExit, EXIT } from '../exit';
import { WatchState, type StreamEvent } from '../watch-state';
import { viewFor } from '../watch-views';

/** How long the stream may stay unreachable before watch gives up with exit 4. */
const GIVE_UP_AFTER_MS = 60_000;

const after = (a: string, b: string) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? BigInt(a) > BigInt(b) : a > b);

export async function watchRollout(ctx: Context, [id]: string[]) {
  const rollout = await ctx.call(ctx.api.GET('/v1/rollouts/{id}', { params: { path: { id: id! } } }));
  const state = new WatchState(rollout, new Date(rollout.createdAt));
  const failedSites = await ctx.call(ctx.api.GET('/v1/rollouts/{id}/sites', { params: { path: { id: id! }, query: { state: 'failed', limit: 1000 } } }));
  for (const s of failedSites.items) state.addFailure({ code: s.code, wave: s.wave, step: s.step, error: s.error, at: s.updatedAt });

  const view = viewFor({ json: ctx.json, tty: Boolean(process.stdout.isTTY) });
  const stream = new AbortController();
  let finish!: (code: number) => void;
  let fail!: (err: unknown) => void;
  const ended = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const onInterrupt = () => {
    stream.abort();
    view.stop(`stopped watching; rollout ${id} goes on (rollwave watch ${id} to follow it again)`);
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', onInterrupt);

  const settle = () => {
    const code = state.final;
    if (code === undefined) return false;
    finish(code);
    return true;
  };

  // Progress is re-read after events, one read at a time: events that come during a read ask for one more.
  let reading: Promise<void> | undefined;
  let again = false;
  const refresh = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        const progress = await ctx.call(ctx.api.GET('/v1/rollouts/{id}/progress', { params: { path: { id: id! } } }));
        if (state.update(progress)) view.show(state.frame());
        if (settle()) return;
      } while (again);
    })()
      .catch(fail)
      .finally(() => (reading = undefined));
  };

  view.show(state.frame());
  if (!settle()) void follow(ctx, id!, String(rollout.version), stream.signal, {
    event(e) {
      const failure = state.observe(e);
      if (failure) view.failed(failure);
      refresh();
    },
    reconnected: refresh,
  }).catch(fail);

  try {
    const code = await ended;
    stream.abort();
    const r = state.rollout;
    view.stop(`rollout ${r.id} ${r.status}${code === 0 ? '' : ` — exit ${code}`}`);
    process.exitCode = code;
  } catch (err) {
    stream.abort();
    view.stop();
    throw err;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

interface Listener {
  event(e: StreamEvent): void;
  /** After a reconnection: what happened while away is in the events that follow, but progress is re-read at once. */
  reconnected(): void;
}

/** Reads the stream from after `cursor` until `signal` aborts, reconnecting with Last-Event-ID when it drops. */
async function follow(ctx: Context, id: string, cursor: string, signal: AbortSignal, on: Listener) {
  let last = cursor;
  let downSince: number | undefined;
  let delay = 250;
  for (let first = true; !signal.aborted; first = false) {
    try {
      const { response, error } = await ctx.api.GET('/v1/rollouts/{id}/stream', {
        params: { path: { id }, header: { 'last-event-id': last } },
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal,
      });
      if (!response.ok) {
        const err = refusal(response, error);
        if (err.code !== EXIT.unreachable) throw err;
        throw Object.assign(new Error(err.message), { status: response.status });
      }
      if (!first) on.reconnected();
      downSince = undefined;
      delay = 250;
      const parser = createParser({
        onEvent(message) {
          if (!message.id || !after(message.id, last)) return;
          last = message.id;
          on.event(JSON.parse(message.data) as StreamEvent);
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof CliExit) throw err;
      downSince ??= Date.now();
      if (Date.now() - downSince > GIVE_UP_AFTER_MS) throw unreachable(ctx.url, err);
    }
    if (signal.aborted) return;
    process.stderr.write(process.stdout.isTTY ? '' : `stream of ${id} dropped after event ${last}; reconnecting\n`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5000);
  }
}

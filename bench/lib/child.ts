/**
 * Child side of the bench's process protocol: the orchestrator spawns each measured process (worker, API,
 * bare route) with an IPC channel, waits for `ready`, asks for counters by name, and stops it with SIGTERM.
 */
import { Session } from 'node:inspector/promises';
import { summariseProfile } from './cpu-profile';

export type Handlers = Record<string, (arg?: any) => unknown | Promise<unknown>>;

interface Request {
  id: number;
  type: string;
  arg?: unknown;
}

export function serveParent(info: Record<string, unknown>, handlers: Handlers, stop: () => Promise<void>): void {
  if (!process.send) throw new Error('bench child processes must be spawned with an IPC channel');
  // CPU profile of the main thread between two requests (the measured run only, not start-up).
  let session: Session | undefined;
  const all: Handlers = {
    ...handlers,
    async profileStart() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 1000 });
      await session.post('Profiler.start');
    },
    async profileStop() {
      if (!session) return undefined;
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      return summariseProfile(profile as Parameters<typeof summariseProfile>[0]);
    },
  };
  process.on('message', (message: Request) => {
    const handler = all[message.type];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown request ${message.type}`);
        return handler(message.arg);
      })
      .then(
        (result) => process.send!({ id: message.id, result }),
        (err: unknown) => process.send!({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('stop failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // The orchestrator died: nobody will stop us.
  process.on('disconnect', shutdown);
  process.send({ type: 'ready', info });
}

/** Resident set size and heap, as the process itself sees them. */
export function selfUsage() {
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, cpuUserUs: cpu.user, cpuSystemUs: cpu.system };
}

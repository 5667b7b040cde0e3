/**
 * Hears every new rollout version (announced by the trigger of migration 0003) on a connection of its own.
 * Notifications sent while that connection is down are lost, so the feed says when it stops and starts
 * listening: a consumer trusts what it heard only between `listening(true)` and the next `listening(false)`.
 */
import type { Logger } from 'pino';
import postgres from 'postgres';

export const VERSION_CHANNEL = 'rollwave_rollout_version';

export interface VersionListener {
  /** The rollout committed `version`; -1 when it was deleted. */
  changed(rolloutId: string, version: number): void;
  /** true once LISTEN holds (again); false when the connection is lost or the feed closes. */
  listening(on: boolean): void;
}

export interface VersionFeed {
  close(): Promise<void>;
}

const RETRY_MS = { first: 100, max: 5_000 };

export function followVersions(url: string, listener: VersionListener, log: Logger): VersionFeed {
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = RETRY_MS.first;

  // postgres.js hands NotificationResponse messages to `onnotify`; its typings only expose it through listen().
  const options = {
    max: 1,
    max_lifetime: null,
    connect_timeout: 10,
    onnotice: () => {},
    onnotify: (channel: string, payload: string) => {
      if (channel !== VERSION_CHANNEL) return;
      const space = payload.lastIndexOf(' ');
      listener.changed(payload.slice(0, space), Number(payload.slice(space + 1)));
    },
    onclose: () => {
      listener.listening(false);
      schedule();
    },
  };
  const sql = postgres(url, options);

  function schedule() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, delay);
    delay = Math.min(delay * 2, RETRY_MS.max);
  }

  async function listen() {
    try {
      await sql.unsafe(`listen ${VERSION_CHANNEL}`);
      if (closed) return;
      delay = RETRY_MS.first;
      listener.listening(true);
    } catch (err) {
      if (closed) return;
      log.warn({ err }, 'cannot listen for rollout versions; progress is read from the database until it can');
      listener.listening(false);
      schedule();
    }
  }
  void listen();

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      listener.listening(false);
      await sql.end({ timeout: 5 });
    },
  };
}

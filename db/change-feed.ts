/**
 * Hears committed changes on a connection of its own: every new rollout version (the trigger of migration
 * 0003) and every change to an API key (migration 0004). Notifications sent while that connection is down are
 * lost, so the feed says when it stops and starts listening: a consumer trusts what it heard only between
 * `listening(true)` and the next `listening(false)`.
 */
import type { Logger } from 'pino';
import postgres from 'postgres';

export const VERSION_CHANNEL = 'rollwave_rollout_version';
export const KEY_CHANNEL = 'rollwave_api_key';

interface FeedListener {
  /** true once LISTEN holds (again); false when the connection is lost or the feed closes. */
  listening(on: boolean): void;
}

export interface VersionListener extends FeedListener {
  /** The rollout committed `version`; -1 when it was deleted. */
  changed(rolloutId: string, version: number): void;
}

export interface KeyListener extends FeedListener {
  /** The API key stored under this digest changed (revoked, or its row rewritten). */
  keyChanged(keyHash: string): void;
}

export interface ChangeFeed {
  close(): Promise<void>;
}

const RETRY_MS = { first: 100, max: 5_000 };

export function followChanges(url: string, listeners: { versions?: VersionListener; keys?: KeyListener }, log: Logger): ChangeFeed {
  const { versions, keys } = listeners;
  const channels = [versions && VERSION_CHANNEL, keys && KEY_CHANNEL].filter((c) => c !== undefined);
  const listening = (on: boolean) => {
    versions?.listening(on);
    keys?.listening(on);
  };
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
      if (channel === VERSION_CHANNEL && versions) {
        const space = payload.lastIndexOf(' ');
        versions.changed(payload.slice(0, space), Number(payload.slice(space + 1)));
      } else if (channel === KEY_CHANNEL && keys) {
        keys.keyChanged(payload);
      }
    },
    onclose: () => {
      listening(false);
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
      for (const channel of channels) await sql.unsafe(`listen ${channel}`);
      if (closed) return;
      delay = RETRY_MS.first;
      listening(true);
    } catch (err) {
      if (closed) return;
      log.warn({ err }, 'cannot listen for committed changes; progress and API keys are read from the database until it can');
      listening(false);
      schedule();
    }
  }
  void listen();

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      listening(false);
      await sql.end({ timeout: 5 });
    },
  };
}

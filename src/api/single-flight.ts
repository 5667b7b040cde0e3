/**
 * One call per key at a time: callers that arrive while a call for their key runs share its answer (or its
 * error). Dashboards poll the same rollout many times a second; this keeps their database reads to one per
 * rollout in flight. A caller's answer is never older than its previous answer: a call leaves the map before
 * its callers see the result, so a caller that asks again joins a call that started after that.
 */
export function singleFlight<K, V>(call: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const running = new Map<K, Promise<V>>();
  return (key) => {
    let shared = running.get(key);
    if (!shared) {
      shared = call(key).finally(() => running.delete(key));
      running.set(key, shared);
    }
    return shared;
  };
}

// Rollwave dashboard: plain DOM and fetch, no build step. It talks to the public API with the user's key.
// Everything is rendered as text (never as HTML): error messages come from the sites' own endpoints.
import { refusal, siteCard } from '../readiness-page/site-card.js';

const STATES = ['pending', 'running', 'awaiting_readiness', 'awaiting_window', 'succeeded', 'failed', 'rolling_back', 'rolled_back', 'skipped'];
const LABELS = {
  pending: 'Pending',
  running: 'Running',
  awaiting_readiness: 'Awaiting readiness',
  awaiting_window: 'Awaiting window',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolling_back: 'Rolling back',
  rolled_back: 'Rolled back',
  skipped: 'Skipped',
};
const KEY_STORAGE = 'rollwave.apiKey';
const EVENTS_SHOWN = 30;
const SITES_PAGE = 100;
const MY_SITES_PAGE = 100;
/** Failing webhooks change slowly (a delivery is retried for a day): the banner is checked at this pace. */
const WEBHOOKS_REFRESH_MS = 15_000;
/** The server sends a heartbeat every 15 s; a stream silent for this long is dead and is reopened. */
const STREAM_SILENCE_MS = 45_000;

const $ = (id) => document.getElementById(id);

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const time = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });
const when = (iso) => new Date(iso).toLocaleString([], { hour12: false, dateStyle: 'medium', timeStyle: 'short' });
const badge = (status, extra = '') => h('span', { class: `badge ${extra}`, 'data-state-color': status }, status.replaceAll('_', ' '));

// ---- key and API ---------------------------------------------------------------------------------------

const apiKey = () => localStorage.getItem(KEY_STORAGE);

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `the server answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, { method = 'GET', headers = {}, body: sent } = {}) {
  if (sent !== undefined) headers = { 'content-type': 'application/json', ...headers };
  const res = await fetch(path, { method, headers: { authorization: `Bearer ${apiKey()}`, ...headers }, body: sent === undefined ? undefined : JSON.stringify(sent) });
  if (res.status === 304) return { status: 304, headers: res.headers };
  const body = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : await res.text();
  if (res.status === 401) keyRejected();
  if (!res.ok) throw new ApiError(res.status, body);
  return { status: res.status, body, headers: res.headers };
}

function keyRejected() {
  localStorage.removeItem(KEY_STORAGE);
  notify('The API key was rejected (unknown or revoked). Paste a valid key.', 'error');
  route();
}

let noticeTimer;
function notify(message, kind = 'info') {
  const el = $('notice');
  el.textContent = message;
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (el.hidden = true), kind === 'error' ? 15_000 : 6_000);
}

function setLive(state) {
  const el = $('live');
  el.dataset.state = state;
  el.textContent = { on: 'live', retry: 'reconnecting…', off: '' }[state];
}

// ---- views ---------------------------------------------------------------------------------------------

/** What the screen shows now; async work started for an older view checks it and drops its result. */
let current = { stop() {} };

function show(id) {
  for (const view of ['key-form', 'my-sites-view', 'rollouts-view', 'rollout-view']) $(view).hidden = view !== id;
  $('change-key').hidden = id === 'key-form';
}

function route() {
  current.stop();
  setLive('off');
  if (!apiKey()) {
    show('key-form');
    $('key-input').focus();
    current = { stop() {} };
    return;
  }
  const match = /^#\/rollouts\/(.+)$/.exec(location.hash);
  if (match) current = openRollout(decodeURIComponent(match[1]));
  else if (location.hash === '#/rollouts') current = openRollouts();
  else current = openHome();
}

/** The key's own description (GET /v1/me), asked once per key. */
let whoAmI = { key: null, me: null };
async function me() {
  const key = apiKey();
  if (whoAmI.key !== key || !whoAmI.me) whoAmI = { key, me: (await api('/v1/me')).body };
  return whoAmI.me;
}

/** The first screen: a site lead's own sites, everyone else's rollouts. */
function openHome() {
  show(null);
  const view = { active: true, inner: undefined, stop() { this.active = false; this.inner?.stop(); } };
  me().then(
    (key) => {
      if (view.active) view.inner = key.role === 'site-lead' ? openMySites() : openRollouts();
    },
    (err) => {
      if (!view.active) return;
      notify(err.message, 'error');
      view.inner = openRollouts();
    },
  );
  return view;
}

// ---- a site lead's own sites ---------------------------------------------------------------------------

function openMySites() {
  show('my-sites-view');
  document.title = 'My sites · Rollwave';
  const view = { active: true, timer: undefined, shown: MY_SITES_PAGE, stop() { this.active = false; clearInterval(this.timer); } };
  /** The card shown for each `rollout/code`, with the view it shows. */
  const cards = new Map();
  let made = 0;
  const keyOf = (item) => `${item.rollout.id}/${item.site.code}`;
  /** A card whose form is being filled in keeps what is typed, however the site changes meanwhile. */
  const busy = (card) => card.contains(document.activeElement) || [...card.querySelectorAll('input, textarea')].some((input) => input.value !== '');

  async function load(fresh) {
    try {
      const { body } = await api(`/v1/my/sites?limit=${view.shown}`);
      if (view.active) render(body, fresh);
      return body;
    } catch (err) {
      if (view.active) notify(err.message, 'error');
      return undefined;
    }
  }

  /** Shows `body`'s sites, keeping each card that has not changed, is being filled in and is not `fresh`. */
  function render(body, fresh) {
    const shown = body.items.map((item) => {
      const key = keyOf(item);
      const json = JSON.stringify(item);
      const kept = cards.get(key);
      if (kept && kept.card.isConnected && key !== fresh && (kept.json === json || busy(kept.card))) return kept.card;
      const card = siteCard(item, { send: (readiness) => confirmReadiness(item, readiness), idPrefix: `my-${++made}-`, level: 2 });
      cards.set(key, { json, card });
      return card;
    });
    $('my-sites').replaceChildren(...shown);
    $('my-sites-empty').hidden = shown.length > 0;
    $('my-sites-more').hidden = body.nextCursor === null || view.shown >= 1000;
  }

  /** Confirms with the key, then shows the site as it now is (the page takes the card over). */
  async function confirmReadiness(item, readiness) {
    const path = `/v1/rollouts/${encodeURIComponent(item.rollout.id)}/sites/${encodeURIComponent(item.site.code)}/readiness`;
    try {
      await api(path, { method: 'POST', body: readiness });
    } catch (err) {
      if (err.status === 401) return undefined;
      // Past training, or the rollout has ended: the site as it now is says so.
      if (err.status !== 409) throw new Error(refusal(err.status, err.body));
    }
    const body = await load(keyOf(item));
    if (body && !body.items.some((i) => keyOf(i) === keyOf(item))) notify(`${item.rollout.name} has ended: nothing more is needed for ${item.site.code}.`);
    return undefined;
  }

  $('my-sites-more').onclick = () => {
    view.shown = Math.min(view.shown + MY_SITES_PAGE, 1000);
    void load();
  };
  $('my-sites').replaceChildren();
  void load();
  view.timer = setInterval(load, 15_000);
  return view;
}

function openRollouts() {
  show('rollouts-view');
  document.title = 'Rollouts · Rollwave';
  const view = { active: true, timer: undefined, stop() { this.active = false; clearInterval(this.timer); } };
  const load = async () => {
    try {
      const { body } = await api('/v1/rollouts?limit=50');
      if (view.active) renderRollouts(body.items);
    } catch (err) {
      if (view.active) notify(err.message, 'error');
    }
  };
  void load();
  view.timer = setInterval(load, 10_000);
  return view;
}

function renderRollouts(items) {
  $('rollouts').replaceChildren(
    ...items.map((r) => {
      const href = `#/rollouts/${encodeURIComponent(r.id)}`;
      return h(
        'tr',
        { 'data-rollout': r.id, onclick: () => (location.hash = href) },
        h('td', {}, h('a', { href }, r.name)),
        h('td', {}, badge(r.status)),
        h('td', { class: 'num' }, `${r.percentComplete.toFixed(1)}%`),
        h('td', { class: 'num' }, r.totals.sites),
        h('td', { class: 'num', 'data-state-color': r.totals.failed > 0 ? 'failed' : null }, r.totals.failed),
        h('td', {}, when(r.createdAt)),
      );
    }),
  );
  $('rollouts-empty').hidden = items.length > 0;
}

// ---- one rollout ---------------------------------------------------------------------------------------

function openRollout(id) {
  show('rollout-view');
  const path = `/v1/rollouts/${encodeURIComponent(id)}`;
  const view = {
    active: true,
    etag: null,
    /** Cursor of the last event shown: the stream resumes after it, so nothing is missed or shown twice. */
    cursor: null,
    events: [],
    sitesShown: SITES_PAGE,
    stream: null,
    timers: new Set(),
    scheduled: new Map(),
    stop() {
      this.active = false;
      this.stream?.abort();
      for (const t of this.timers) clearInterval(t);
      for (const t of this.scheduled.values()) clearTimeout(t);
    },
  };

  /** Runs `fn` once within `ms`, however many events ask for it meanwhile. */
  const soon = (name, ms, fn) => {
    if (view.scheduled.has(name)) return;
    view.scheduled.set(name, setTimeout(() => {
      view.scheduled.delete(name);
      if (view.active) void fn();
    }, ms));
  };

  async function refreshProgress() {
    try {
      const res = await api(`${path}/progress`, { headers: view.etag ? { 'if-none-match': view.etag } : {} });
      if (!view.active || res.status === 304) return;
      view.etag = res.headers.get('etag');
      renderProgress(res.body, act);
    } catch (err) {
      if (view.active) notify(err.message, 'error');
    }
  }

  async function refreshSites() {
    const query = new URLSearchParams({ limit: String(view.sitesShown) });
    if ($('filter-state').value) query.set('state', $('filter-state').value);
    if ($('filter-wave').value) query.set('wave', $('filter-wave').value);
    try {
      const { body } = await api(`${path}/sites?${query}`);
      if (!view.active) return;
      renderSites(body.items, act);
      $('sites-more').hidden = body.nextCursor === null;
    } catch (err) {
      if (view.active) notify(err.message, 'error');
    }
  }

  /** The banner of webhooks whose deliveries are failing; `failing` comes with the first page, so one is asked. */
  async function refreshWebhooks() {
    try {
      const { body } = await api(`${path}/notifications?limit=1`);
      if (view.active) renderFailingWebhooks(body.failing ?? []);
    } catch (err) {
      if (view.active) notify(err.message, 'error');
    }
  }

  function addEvents(items) {
    view.events = [...items.reverse(), ...view.events].slice(0, EVENTS_SHOWN);
    $('events').replaceChildren(...view.events.map(renderEvent));
  }

  async function act(label, actionPath, question) {
    if (question && !confirm(question)) return;
    try {
      const { body } = await api(`${path}/${actionPath}`, { method: 'POST' });
      const state = body.site ? `${body.site.code} is ${body.site.state}` : body.wave ? `wave ${body.wave.name} is ${body.wave.status}` : `rollout is ${body.status}`;
      notify(`${label}: ${state}`);
      void refreshProgress();
      void refreshSites();
    } catch (err) {
      notify(`${label}: ${err.message}`, 'error');
    }
  }

  async function follow() {
    let backoff = 1000;
    while (view.active) {
      const controller = new AbortController();
      view.stream = controller;
      let silence;
      const alive = () => {
        clearTimeout(silence);
        silence = setTimeout(() => controller.abort(), STREAM_SILENCE_MS);
      };
      try {
        const res = await fetch(`${path}/stream`, {
          headers: { authorization: `Bearer ${apiKey()}`, accept: 'text/event-stream', 'last-event-id': view.cursor },
          signal: controller.signal,
        });
        if (res.status === 401) return keyRejected();
        if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
        setLive('on');
        backoff = 1000;
        alive();
        await readEventStream(res.body, alive, (message) => {
          const item = JSON.parse(message.data);
          view.cursor = message.id;
          addEvents([item]);
          soon('progress', 250, refreshProgress);
          if (item.site) soon('sites', 1000, refreshSites);
        });
      } catch (err) {
        if (!view.active) return;
        if (err instanceof ApiError) notify(`Live updates: ${err.message}`, 'error');
      } finally {
        clearTimeout(silence);
      }
      if (!view.active) return;
      setLive('retry');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 15_000);
    }
  }

  async function start() {
    try {
      const { body: rollout } = await api(path);
      if (!view.active) return;
      $('rollout-name').textContent = rollout.name;
      document.title = `${rollout.name} · Rollwave`;
      fillFilters(rollout.waves.map((w) => w.name));
      renderProgress(rollout, act);
      const recent = await api(`${path}/events?after=${Math.max(0, rollout.version - EVENTS_SHOWN)}&limit=1000`);
      if (!view.active) return;
      view.cursor = recent.body.nextCursor;
      view.events = [];
      addEvents(recent.body.items);
      // Before the sites: once the sites show, so does any webhook banner.
      await refreshWebhooks();
      await refreshSites();
      void follow();
      // The stream drives updates; this slow poll (304 while nothing changed) covers a stream that is down.
      view.timers.add(setInterval(refreshProgress, 10_000));
      // Delivery attempts are not on the stream: the banner has its own, slower poll.
      view.timers.add(setInterval(refreshWebhooks, WEBHOOKS_REFRESH_MS));
    } catch (err) {
      if (view.active) notify(err.message, 'error');
    }
  }

  $('filter-state').onchange = $('filter-wave').onchange = () => {
    view.sitesShown = SITES_PAGE;
    void refreshSites();
  };
  $('sites-more').onclick = () => {
    view.sitesShown = Math.min(view.sitesShown + SITES_PAGE, 1000);
    void refreshSites();
  };
  for (const button of document.querySelectorAll('[data-rollout-action]')) {
    const action = button.dataset.rolloutAction;
    button.onclick = () => act(button.textContent, action, action === 'abort' ? 'Abort this rollout? No new site will start.' : null);
  }
  $('rollout-name').textContent = '';
  renderFailingWebhooks([]);
  $('events').replaceChildren();
  $('sites').replaceChildren();
  void start();
  return view;
}

async function readEventStream(body, onBytes, onMessage) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let message = { id: null, event: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onBytes();
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (message.data.length > 0) onMessage({ ...message, data: message.data.join('\n') });
        message = { id: message.id, event: 'message', data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') message.data.push(text);
        else if (field === 'id') message.id = text;
        else if (field === 'event') message.event = text;
      }
    }
  }
}

function fillFilters(waveNames) {
  $('filter-state').replaceChildren(h('option', { value: '' }, 'all'), ...STATES.map((s) => h('option', { value: s }, LABELS[s])));
  $('filter-wave').replaceChildren(h('option', { value: '' }, 'all'), ...waveNames.map((w) => h('option', { value: w }, w)));
}

/** `act(label, actionPath, question?)` runs an action on the rollout shown; buttons call it. */
function renderProgress(p, act) {
  $('rollout-status').replaceWith(Object.assign(badge(p.status, 'big'), { id: 'rollout-status' }));
  $('rollout-percent').textContent = `${p.percentComplete.toFixed(1)}%`;
  const enabled = {
    pause: ['running', 'awaiting_approval'].includes(p.status),
    resume: ['paused', 'halted'].includes(p.status),
    abort: !['completed', 'aborted'].includes(p.status),
  };
  for (const button of document.querySelectorAll('[data-rollout-action]')) button.disabled = !enabled[button.dataset.rolloutAction];

  $('totals').replaceChildren(
    h('div', { class: 'tile', 'data-testid': 'total-sites' }, h('span', { class: 'value' }, p.totals.sites), h('span', { class: 'label' }, 'Sites')),
    ...STATES.map((s) =>
      h(
        'div',
        { class: `tile${p.totals[s] === 0 ? ' zero' : ''}`, 'data-state-color': s, 'data-testid': `total-${s}` },
        h('span', { class: 'value' }, p.totals[s]),
        h('span', { class: 'label' }, LABELS[s]),
      ),
    ),
  );
  $('waves').replaceChildren(...p.waves.map((w) => renderWave(w, act)));
}

/** One line per webhook whose latest attempts failed, in words; none hides the banner. */
function renderFailingWebhooks(failing) {
  const banner = $('webhooks-failing');
  const json = JSON.stringify(failing);
  if (banner.dataset.shown === json) return;
  banner.dataset.shown = json;
  $('webhooks-failing-list').replaceChildren(
    ...failing.map((w) =>
      h(
        'li',
        {},
        'Webhook ',
        h('span', { class: 'url' }, w.url),
        ` is failing: ${w.failing} ${w.failing === 1 ? 'notification' : 'notifications'} not delivered (last error: ${w.lastError}).`,
        ' Rollwave retries each notification for a day before giving up.',
      ),
    ),
  );
  banner.hidden = failing.length === 0;
}

function renderWave(w, act) {
  const done = w.counts.succeeded + w.counts.skipped + w.counts.rolled_back;
  const shown = STATES.filter((s) => w.counts[s] > 0);
  return h(
    'div',
    { class: 'wave', 'data-testid': `wave-${w.name}` },
    h(
      'div',
      { class: 'wave-head' },
      h('span', { class: 'name' }, w.name),
      badge(w.status),
      w.status === 'awaiting_approval' &&
        h('button', { type: 'button', onclick: () => act(`Launch ${w.name}`, `waves/${encodeURIComponent(w.name)}/launch`) }, 'Launch wave'),
      h('span', { class: 'done' }, `${done} / ${w.sites} done`),
    ),
    h(
      'div',
      { class: 'bar', role: 'img', 'aria-label': shown.map((s) => `${LABELS[s]} ${w.counts[s]}`).join(', ') },
      ...shown.map((s) => {
        const seg = h('span', { 'data-state-color': s, title: `${LABELS[s]}: ${w.counts[s]}` });
        seg.style.width = `${(100 * w.counts[s]) / Math.max(1, w.sites)}%`;
        return seg;
      }),
    ),
    h('div', { class: 'legend' }, ...shown.map((s) => h('span', { 'data-state-color': s, 'data-count': s }, h('b', {}, w.counts[s]), ` ${LABELS[s]}`))),
  );
}

function renderSites(items, act) {
  $('sites').replaceChildren(
    ...items.map((s) => {
      const site = `sites/${encodeURIComponent(s.code)}`;
      const buttons = [];
      if (s.state === 'failed') buttons.push(h('button', { type: 'button', onclick: () => act(`Retry ${s.code}`, `${site}/retry`) }, 'Retry'));
      if (s.state === 'failed' || s.state === 'pending') {
        buttons.push(h('button', { type: 'button', onclick: () => act(`Skip ${s.code}`, `${site}/skip`, `Skip ${s.code}? It will not be rolled out.`) }, 'Skip'));
      }
      if (s.state === 'failed' || s.state === 'succeeded') {
        buttons.push(
          h('button', { type: 'button', class: 'danger', onclick: () => act(`Roll back ${s.code}`, `${site}/rollback`, `Roll back ${s.code}? Its completed steps are undone.`) }, 'Roll back'),
        );
      }
      return h(
        'tr',
        { 'data-site': s.code },
        h('td', {}, s.code),
        h('td', {}, s.wave),
        h('td', {}, badge(s.state)),
        h('td', {}, s.step ?? ''),
        h('td', { class: 'num' }, s.attempts),
        h('td', { class: 'error' }, s.error ?? ''),
        h('td', {}, time(s.updatedAt)),
        h('td', { class: 'actions' }, ...buttons),
      );
    }),
  );
  $('sites-empty').hidden = items.length > 0;
}

function renderEvent(e) {
  const d = e.data ?? {};
  let what = e.type;
  let detail = '';
  if (e.type === 'site.state') {
    // A site moving from step to step stays `running`: then the step is the news.
    what = d.from === d.state ? `${e.site}: ${d.state}` : `${e.site}: ${d.from} → ${d.state}`;
    detail = [d.step, d.error].filter(Boolean).join(' · ');
  } else if (e.type === 'wave.status') {
    what = `wave ${e.wave}: ${d.from} → ${d.status}`;
  } else if (e.type === 'rollout.status') {
    what = `rollout: ${d.from} → ${d.status}`;
  }
  const actor = e.actor && typeof e.actor === 'object' && e.actor.name ? `by ${e.actor.name}` : '';
  return h(
    'li',
    { 'data-cursor': e.cursor },
    h('time', { datetime: e.at }, time(e.at)),
    h('span', { class: 'what', 'data-state-color': d.state ?? d.status }, what),
    (detail || actor) && h('span', { class: 'detail' }, [detail, actor].filter(Boolean).join(' · ')),
  );
}

// ---- start ---------------------------------------------------------------------------------------------

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('key-input').value.trim();
  if (!key) return;
  localStorage.setItem(KEY_STORAGE, key);
  $('key-input').value = '';
  $('notice').hidden = true;
  route();
});
$('change-key').addEventListener('click', () => {
  localStorage.removeItem(KEY_STORAGE);
  route();
});
window.addEventListener('hashchange', route);
route();

// The site lead's page: the link's token is the URL's fragment, which the browser never sends anywhere; it goes
// to the API in the X-Readiness-Token header only. The site and its form are site-card.js's, shared with the dashboard.
import { refusal, siteCard } from '../readiness-page/site-card.js';

const token = decodeURIComponent(location.hash.slice(1));
const $ = (id) => document.getElementById(id);

async function call(method, body) {
  const headers = { 'x-readiness-token': token };
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch('/v1/readiness', { method, headers, body: body && JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (res.ok) return answer;
  throw Object.assign(new Error(refusal(res.status, answer)), { status: res.status });
}

function showProblem(message) {
  $('site').hidden = true;
  $('problem').textContent = message;
  $('problem').hidden = false;
}

function show(view) {
  $('site').replaceChildren(siteCard(view, { send }));
  $('problem').hidden = true;
  $('site').hidden = false;
}

/** Confirms; the card shows the answer, or the error of a refusal that concerns the form. */
async function send(readiness) {
  try {
    return await call('POST', readiness);
  } catch (err) {
    if (err.status === 404 || err.status === 410) return showProblem(err.message);
    // Past training: the page shows the site as it now is, which says so.
    if (err.status === 409) return load();
    throw err;
  }
}

async function load() {
  if (!token) return showProblem('This link is incomplete. Open the whole link from your message, or ask your rollout manager for a new one.');
  try {
    show(await call('GET'));
  } catch (err) {
    showProblem(err.status === 404 ? 'This link is not known. Open the whole link from your message, or ask your rollout manager for a new one.' : err.message);
  }
}

load();

// The site lead's page: the link's token is the URL's fragment, which the browser never sends anywhere; it goes
// to the API in the X-Readiness-Token header only.
'use strict';

const token = decodeURIComponent(location.hash.slice(1));
const $ = (id) => document.getElementById(id);

/** What a refusal means, for someone who has never seen an API. */
const PLAIN = {
  409: 'This site is already past training, so there is nothing more to confirm.',
  429: 'Too many tries just now. Please wait a minute and try again.',
  503: 'The rollout service is busy. Please try again in a minute.',
};

async function call(method, body) {
  const headers = { 'x-readiness-token': token };
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch('/v1/readiness', { method, headers, body: body && JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (res.ok) return answer;
  const message = PLAIN[res.status] ?? answer.error?.details?.[0]?.message ?? answer.error?.message ?? 'Something went wrong. Please try again.';
  throw Object.assign(new Error(message), { status: res.status });
}

function showProblem(message) {
  $('site').hidden = true;
  $('problem').textContent = message;
  $('problem').hidden = false;
}

function show(view) {
  $('site-name').textContent = view.site.name;
  $('site-code').textContent = view.site.code;
  $('rollout-name').textContent = view.rollout.name;
  $('release').textContent = view.rollout.release;
  $('state').textContent = view.site.inWords;
  $('window').textContent = view.window.local;
  $('next').textContent = view.next;
  const c = view.confirmation;
  $('confirmed').hidden = !c;
  if (c) {
    const at = new Date(c.at).toLocaleString(undefined, { timeZone: view.site.timezone, dateStyle: 'medium', timeStyle: 'short' });
    $('confirmed-by').textContent = `${c.by} confirmed ${c.trainedStaff} of ${c.totalStaff} staff trained on ${at}.${c.note ? ` Note: ${c.note}` : ''}`;
  }
  $('form').hidden = !view.canConfirm || Boolean(c);
  $('threshold').textContent = `At least ${view.minTrainedPercent}% of the staff must be trained before you confirm.`;
  $('problem').hidden = true;
  $('site').hidden = false;
}

async function submit(event) {
  event.preventDefault();
  const trained = Number($('trained').value);
  const total = Number($('total').value);
  const error = $('form-error');
  if (!$('trained').value || !$('total').value || !Number.isInteger(trained) || !Number.isInteger(total) || total < 1 || trained < 0) {
    error.textContent = 'Please give the number of trained staff and the total number of staff.';
    error.hidden = false;
    return;
  }
  if (trained > total) {
    error.textContent = 'Trained staff cannot be more than the total staff.';
    error.hidden = false;
    return;
  }
  error.hidden = true;
  $('submit').disabled = true;
  const note = $('note').value.trim();
  try {
    show(await call('POST', { confirmed: true, trainedStaff: trained, totalStaff: total, ...(note ? { note } : {}) }));
  } catch (err) {
    if (err.status === 404 || err.status === 410) return showProblem(err.message);
    // Past training: the page shows the site as it now is, which says so.
    if (err.status === 409) return load();
    error.textContent = err.message;
    error.hidden = false;
  } finally {
    $('submit').disabled = false;
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

$('form').addEventListener('submit', submit);
load();

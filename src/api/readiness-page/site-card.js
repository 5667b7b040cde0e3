// One site of one rollout as its site lead sees it, with the readiness form: the page behind a readiness link (/r)
// shows one, the dashboard's "My sites" one per site of a site-lead key. Plain DOM; everything is set as text.

/** What a refusal means, for someone who has never seen an API. */
const PLAIN = {
  409: 'This site is already past training, so there is nothing more to confirm.',
  429: 'Too many tries just now. Please wait a minute and try again.',
  503: 'The rollout service is busy. Please try again in a minute.',
};

/** The words to show for a refused request: plain ones where the status says enough, else the API's own reason. */
export function refusal(status, answer) {
  return PLAIN[status] ?? answer?.error?.details?.[0]?.message ?? answer?.error?.message ?? 'Something went wrong. Please try again.';
}

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** What is wrong with the numbers typed, before anything is sent; undefined when nothing is. */
function inputProblem(trainedText, totalText) {
  const trained = Number(trainedText);
  const total = Number(totalText);
  if (!trainedText || !totalText || !Number.isInteger(trained) || !Number.isInteger(total) || total < 1 || trained < 0) {
    return 'Please give the number of trained staff and the total number of staff.';
  }
  if (trained > total) return 'Trained staff cannot be more than the total staff.';
  return undefined;
}

/**
 * The card of `view` (GET /v1/readiness, or an item of GET /v1/my/sites). `send(readiness)` confirms it and
 * resolves with the site's new view, which replaces the card, or with nothing once the page has taken over; it
 * rejects with an Error whose message the form shows. Each part has the id `${idPrefix}<part>` (the form's labels
 * need ids) and a `data-part`; the site's name is a heading of `level`, the card's sections one below it.
 */
export function siteCard(view, { send, idPrefix = '', level = 1 }) {
  const part = (tag, name, props = {}, ...children) => {
    const node = el(tag, { id: `${idPrefix}${name}`, ...props }, ...children);
    node.dataset.part = name;
    return node;
  };
  const heading = (offset, text) => el(`h${Math.min(level + offset, 6)}`, {}, text);
  const c = view.confirmation;

  const confirmed = part('section', 'confirmed', { className: 'confirmed', hidden: !c }, heading(1, 'Readiness confirmed'), part('p', 'confirmed-by'));
  if (c) {
    const at = new Date(c.at).toLocaleString(undefined, { timeZone: view.site.timezone, dateStyle: 'medium', timeStyle: 'short' });
    confirmed.lastChild.textContent = `${c.by} confirmed ${c.trainedStaff} of ${c.totalStaff} staff trained on ${at}.${c.note ? ` Note: ${c.note}` : ''}`;
  }

  const field = (name, label, input) => [el('label', { htmlFor: `${idPrefix}${name}` }, label), part(input.tag, name, { name, ...input.props })];
  const number = (min) => ({ tag: 'input', props: { type: 'number', inputMode: 'numeric', min: String(min), required: true } });
  const error = part('p', 'form-error', { className: 'problem', hidden: true });
  error.setAttribute('role', 'alert');
  const submit = part('button', 'submit', { type: 'submit' }, 'Confirm readiness');
  const form = part(
    'form',
    'form',
    { hidden: !view.canConfirm || Boolean(c), noValidate: true },
    heading(1, 'Confirm staff training'),
    part('p', 'threshold', {}, `At least ${view.minTrainedPercent}% of the staff must be trained before you confirm.`),
    ...field('trained', 'Trained staff', number(0)),
    ...field('total', 'Total staff', number(1)),
    ...field('note', 'Note (optional)', { tag: 'textarea', props: { rows: 3, maxLength: 2000 } }),
    error,
    submit,
  );

  const card = el(
    'article',
    { className: 'site-card' },
    el(`h${level}`, {}, part('span', 'site-name', {}, view.site.name), ' ', part('span', 'site-code', { className: 'code' }, view.site.code)),
    el('p', { className: 'muted' }, part('span', 'rollout-name', {}, view.rollout.name), ' · release ', part('span', 'release', {}, view.rollout.release)),
    el('dl', {}, el('dt', {}, 'Now'), part('dd', 'state', {}, view.site.inWords), el('dt', {}, 'Switch-over window'), part('dd', 'window', {}, view.window.local)),
    confirmed,
    part('p', 'next', { className: 'next' }, view.next),
    form,
  );
  card.dataset.rollout = view.rollout.id;
  card.dataset.site = view.site.code;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { trained, total, note } = form.elements;
    const problem = inputProblem(trained.value, total.value);
    error.textContent = problem ?? '';
    error.hidden = !problem;
    if (problem) return;
    submit.disabled = true;
    const text = note.value.trim();
    try {
      const next = await send({ confirmed: true, trainedStaff: Number(trained.value), totalStaff: Number(total.value), ...(text ? { note: text } : {}) });
      if (next) card.replaceWith(siteCard(next, { send, idPrefix, level }));
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return card;
}

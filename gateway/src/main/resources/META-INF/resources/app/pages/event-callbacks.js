// Event callbacks: URLs the events of some kinds are posted to, signed with one of the user's secrets.
import {get, post, del, seg} from '../api.js';
import {h, replace, field, errorBox, showError, toast, problemText} from '../dom.js';

const KINDS = ['MessageEvent', 'ActionEvent', 'ObservationEvent', 'UserRejectObservation', 'AgentErrorEvent',
  'ConversationStateUpdateEvent', 'PauseEvent', 'CondensationEvent', 'SandboxStatusUpdateEvent',
  'RepositoryClonedEvent', 'McpToolsEvent', 'SkillsLoadedEvent', 'BudgetNoticeEvent', 'SystemPromptEvent'];

export function render(container) {
  const body = h('tbody', {});
  const url = h('input', {id: 'callback-url', type: 'url', required: true, placeholder: 'https://hooks.example.com/gantry'});
  const kinds = KINDS.map((kind) => h('input', {type: 'checkbox', value: kind, id: 'kind-' + kind}));
  const secret = h('input', {id: 'callback-secret', type: 'text', placeholder: 'a secret name (optional)'});
  const error = errorBox();
  const form = h('form', {class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const request = {url: url.value.trim(), eventKinds: kinds.filter((k) => k.checked).map((k) => k.value)};
    if (secret.value.trim()) request.signingSecretName = secret.value.trim();
    try {
      await post('/event-callbacks', request);
      toast('Callback added.');
      load();
    } catch (err) {
      showError(error, err);
    }
  }}, h('h3', {}, 'Add a callback'), field('URL', url),
  h('fieldset', {class: 'checks'}, h('legend', {}, 'Event kinds'),
      kinds.map((k) => h('label', {for: k.id}, k, ' ', k.value))),
  field('Signing secret', secret, 'deliveries carry X-Gantry-Signature, an HMAC with this secret'),
  error, h('button', {type: 'submit', class: 'primary'}, 'Add'));

  async function load() {
    try {
      const page = await get('/event-callbacks', {limit: 100});
      replace(body, page.items.map((c) => h('tr', {dataset: {id: c.id}},
          h('td', {'data-label': 'URL'}, c.url), h('td', {'data-label': 'Kinds'}, (c.eventKinds || []).join(', ')),
          h('td', {'data-label': 'Signed with'}, c.signingSecretName || '—'),
          h('td', {}, h('button', {type: 'button', class: 'danger small', 'aria-label': `Remove callback ${c.url}`,
            onclick: async () => {
              try { await del(`/event-callbacks/${seg(c.id)}`); load(); } catch (err) { toast(problemText(err), 'error'); }
            }}, 'Remove')))));
    } catch (err) {
      showError(error, err);
    }
  }
  replace(container, h('h2', {}, 'Event callbacks'),
      h('table', {class: 'list', id: 'event-callbacks'}, h('thead', {}, h('tr', {}, ['URL', 'Kinds', 'Signed with', ''].map((t) => h('th', {scope: 'col'}, t)))), body),
      form);
  load();
}

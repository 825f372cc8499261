// Settings: the agent's (model, endpoint, key secret, confirmation policy, budget), then one module per section.
import {get, post} from '../api.js';
import {h, replace, field, errorBox, showError, toast} from '../dom.js';
import * as secrets from './secrets.js';
import * as mcpServers from './mcp-servers.js';
import * as eventCallbacks from './event-callbacks.js';
import * as gitProviders from './git-providers.js';

const SECTIONS = [
  ['agent', 'Agent', renderAgent],
  ['secrets', 'Secrets', secrets.render],
  ['mcp-servers', 'MCP servers', mcpServers.render],
  ['event-callbacks', 'Event callbacks', eventCallbacks.render],
  ['git', 'Git providers', gitProviders.render],
];

export function render(main, [section]) {
  const chosen = SECTIONS.find(([key]) => key === section) || SECTIONS[0];
  const content = h('div', {class: 'card'});
  replace(main, h('h1', {}, 'Settings'),
      h('nav', {class: 'tabs', 'aria-label': 'Settings'}, SECTIONS.map(([key, label]) =>
          h('a', {href: `#/settings/${key}`, 'aria-current': key === chosen[0] ? 'page' : null}, label))),
      content);
  chosen[2](content);
}

function renderAgent(container) {
  const model = h('input', {id: 'model', type: 'text', required: true, autocomplete: 'off'});
  const baseUrl = h('input', {id: 'base-url', type: 'url', autocomplete: 'off'});
  const keySecret = h('select', {id: 'api-key-secret'}, h('option', {value: ''}, 'none'));
  const policy = h('select', {id: 'confirmation-policy'},
      h('option', {value: 'never'}, 'never ask'), h('option', {value: 'risky'}, 'ask for risky actions'),
      h('option', {value: 'always'}, 'ask before every action'));
  const budget = h('input', {id: 'max-budget', type: 'number', min: 0, step: '0.01', inputmode: 'decimal'});
  const maxTokens = h('input', {id: 'max-tokens', type: 'number', min: 1, step: 1});
  const maxIterations = h('input', {id: 'max-iterations', type: 'number', min: 1, step: 1});
  const error = errorBox();
  const form = h('form', {id: 'settings-form', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const update = {model: model.value.trim(), confirmationPolicy: policy.value};
    if (baseUrl.value.trim()) update.baseUrl = baseUrl.value.trim();
    if (keySecret.value) update.apiKeySecretName = keySecret.value;
    if (budget.value !== '') update.maxBudget = budget.value;
    if (maxTokens.value !== '') update.maxTokens = Number(maxTokens.value);
    if (maxIterations.value !== '') update.maxIterations = Number(maxIterations.value);
    try {
      fill(await post('/settings', update));
      toast('Settings saved.');
    } catch (err) {
      showError(error, err);
    }
  }},
  field('Model', model, 'e.g. gpt-4o, anthropic/claude-sonnet-4-5, ollama/qwen3:8b'),
  field('Endpoint (base URL)', baseUrl, 'the provider\'s own when never set'),
  field('API key secret', keySecret, 'one of your secrets (Secrets tab); its value is never shown'),
  field('Confirmation', policy),
  field('Budget (US dollars)', budget, 'empty: no limit'),
  field('Token budget', maxTokens, 'prompt and completion tokens; empty: no limit'),
  field('Steps at most', maxIterations),
  error, h('button', {type: 'submit', class: 'primary'}, 'Save'));
  replace(container, h('h2', {}, 'Agent'), form);

  function fill(s) {
    model.value = s.model || '';
    baseUrl.value = s.baseUrl || '';
    if (s.apiKeySecretName && ![...keySecret.options].some((o) => o.value === s.apiKeySecretName)) {
      keySecret.append(h('option', {value: s.apiKeySecretName}, s.apiKeySecretName));
    }
    keySecret.value = s.apiKeySecretName || '';
    policy.value = s.confirmationPolicy || 'never';
    budget.value = s.maxBudget ?? '';
    maxTokens.value = s.maxTokens ?? '';
    maxIterations.value = s.maxIterations ?? '';
  }
  get('/secrets', {limit: 100}).then((page) => {
    const selected = keySecret.value;
    keySecret.append(...page.items.filter((s) => s.name !== selected).map((s) => h('option', {value: s.name}, s.name)));
    return get('/settings');
  }).then(fill).catch((err) => showError(error, err));
}

// A new conversation: the task and, when the user has connected a git provider, the repository and its branch.
import {get, idempotencyKey, request} from '../api.js';
import {h, replace, field, errorBox, showError} from '../dom.js';

export function render(main) {
  const task = h('textarea', {id: 'task', rows: 6, required: true});
  const title = h('input', {id: 'title', type: 'text', maxlength: 200});
  const repoBox = h('div', {});
  const error = errorBox();
  const submit = h('button', {type: 'submit', class: 'primary'}, 'Start');
  let repository = null;
  let branch = null;
  // the create being tried: Start pressed again on the same request (after an error) sends the same key
  let attempt = null;

  const form = h('form', {class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!task.value.trim()) {
      error.textContent = 'Say what the agent should do.';
      error.hidden = false;
      task.focus();
      return;
    }
    submit.disabled = true;
    try {
      const body = {initialMessage: task.value};
      if (title.value.trim()) body.title = title.value.trim();
      if (repository && repository.value) body.repository = repository.value;
      if (branch && branch.value) body.branch = branch.value;
      const sent = JSON.stringify(body);
      if (!attempt || attempt.sent !== sent) attempt = {sent, key: idempotencyKey()};
      const conversation = await request('POST', '/conversations', {body, headers: {'Idempotency-Key': attempt.key}});
      location.hash = `#/c/${conversation.id}`;
    } catch (err) {
      showError(error, err);
      submit.disabled = false;
    }
  }},
  h('h1', {}, 'New conversation'),
  field('Task', task, 'What the agent should do.'),
  field('Title (optional)', title),
  repoBox, error, submit);
  replace(main, form);
  task.focus();

  get('/git/connections').then((connections) => {
    const list = Array.isArray(connections) ? connections : (connections && connections.items) || [];
    if (!list.length) return;
    repository = h('select', {id: 'repository'}, h('option', {value: ''}, 'none'));
    branch = h('select', {id: 'branch', disabled: true}, h('option', {value: ''}, 'the default branch'));
    const filter = h('input', {type: 'search', id: 'repository-search', placeholder: 'filter repositories'});
    const loadRepositories = async () => {
      const page = await get('/git/repositories', {query: filter.value.trim(), limit: 100});
      const items = (page && page.items) || [];
      replace(repository, h('option', {value: ''}, 'none'),
          items.map((r) => h('option', {value: r.fullName || r.name}, r.fullName || r.name)));
    };
    let timer;
    filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => loadRepositories().catch((e) => showError(error, e)), 300); });
    repository.addEventListener('change', async () => {
      replace(branch, h('option', {value: ''}, 'the default branch'));
      branch.disabled = !repository.value;
      if (!repository.value) return;
      try {
        const page = await get('/git/branches', {repository: repository.value, limit: 100});
        const items = (page && page.items) || [];
        branch.append(...items.map((b) => h('option', {value: b.name}, b.name)));
      } catch (e) {
        showError(error, e);
      }
    });
    replace(repoBox, h('fieldset', {}, h('legend', {}, 'Repository (optional)'),
        field('Find', filter), field('Repository', repository), field('Branch', branch)));
    loadRepositories().catch((e) => showError(error, e));
  }).catch(() => { /* no git providers: no pickers */ });
}

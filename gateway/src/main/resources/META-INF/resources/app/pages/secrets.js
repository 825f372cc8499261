// Secrets: names and descriptions only. A value is written, never read back or shown.
import {get, post, put, del, seg} from '../api.js';
import {h, replace, field, errorBox, showError, timeElement, toast, problemText} from '../dom.js';

export function render(container) {
  const body = h('tbody', {});
  const name = h('input', {id: 'secret-name', type: 'text', required: true, autocomplete: 'off'});
  const value = h('input', {id: 'secret-value', type: 'password', required: true, autocomplete: 'new-password'});
  const description = h('input', {id: 'secret-description', type: 'text'});
  const error = errorBox();
  const form = h('form', {class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      const exists = [...body.querySelectorAll('tr')].some((tr) => tr.dataset.name === name.value.trim());
      if (exists) {
        await put(`/secrets/${seg(name.value.trim())}`, {value: value.value, description: description.value || null});
      } else {
        await post('/secrets', {name: name.value.trim(), value: value.value, description: description.value || undefined});
      }
      value.value = '';
      toast('Secret saved.');
      load();
    } catch (err) {
      showError(error, err);
    }
  }}, h('h3', {}, 'Add or replace a secret'), field('Name', name), field('Value', value, 'stored encrypted; never shown again'),
  field('Description', description), error, h('button', {type: 'submit', class: 'primary'}, 'Save secret'));

  async function load() {
    try {
      const page = await get('/secrets', {limit: 100});
      replace(body, page.items.map((s) => h('tr', {dataset: {name: s.name}},
          h('td', {'data-label': 'Name'}, s.name), h('td', {'data-label': 'Description'}, s.description || ''),
          h('td', {'data-label': 'Updated'}, timeElement(s.updatedAt)),
          h('td', {}, h('button', {type: 'button', class: 'danger small', 'aria-label': `Delete secret ${s.name}`,
            onclick: async () => {
              if (!confirm(`Delete the secret ${s.name}?`)) return;
              try { await del(`/secrets/${seg(s.name)}`); load(); } catch (err) { toast(problemText(err), 'error'); }
            }}, 'Delete')))));
    } catch (err) {
      showError(error, err);
    }
  }
  replace(container, h('h2', {}, 'Secrets'),
      h('table', {class: 'list', id: 'secrets'}, h('thead', {}, h('tr', {}, ['Name', 'Description', 'Updated', ''].map((t) => h('th', {scope: 'col'}, t)))), body),
      form);
  load();
}

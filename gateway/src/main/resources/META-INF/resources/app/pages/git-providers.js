// Git providers: a connection per host, its token kept in one of the user's secrets.
import {get, post, del, seg} from '../api.js';
import {h, replace, field, errorBox, showError, toast, problemText} from '../dom.js';

export function render(container) {
  const body = h('tbody', {});
  const provider = h('select', {id: 'git-provider'},
      h('option', {value: 'github'}, 'GitHub'), h('option', {value: 'gitlab'}, 'GitLab'), h('option', {value: 'bitbucket'}, 'Bitbucket Cloud'));
  const host = h('input', {id: 'git-host', type: 'text', placeholder: 'e.g. ghe.example.com (empty: the public service)'});
  const apiUrl = h('input', {id: 'git-api-url', type: 'url'});
  const gitUrl = h('input', {id: 'git-git-url', type: 'url'});
  const secret = h('input', {id: 'git-token-secret', type: 'text', required: true, placeholder: 'the secret holding the token'});
  const error = errorBox();
  const form = h('form', {class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const request = {provider: provider.value, tokenSecretName: secret.value.trim()};
    if (host.value.trim()) request.host = host.value.trim();
    if (apiUrl.value.trim()) request.apiUrl = apiUrl.value.trim();
    if (gitUrl.value.trim()) request.gitUrl = gitUrl.value.trim();
    try {
      await post('/git/connections', request);
      toast('Connected.');
      load();
    } catch (err) {
      showError(error, err);
    }
  }}, h('h3', {}, 'Connect a git host'), field('Provider', provider), field('Host', host),
  h('details', {}, h('summary', {}, 'Self-hosted'), field('API URL', apiUrl), field('Git URL', gitUrl)),
  field('Token secret', secret, 'add the token under Secrets first'), error,
  h('button', {type: 'submit', class: 'primary'}, 'Connect'));

  async function load() {
    try {
      const answer = await get('/git/connections');
      const items = Array.isArray(answer) ? answer : (answer && answer.items) || [];
      replace(body, items.map((c) => h('tr', {dataset: {id: c.id}},
          h('td', {'data-label': 'Provider'}, c.provider), h('td', {'data-label': 'Host'}, c.host),
          h('td', {'data-label': 'Token secret'}, c.tokenSecretName),
          h('td', {}, h('button', {type: 'button', class: 'danger small', 'aria-label': `Disconnect ${c.host}`,
            onclick: async () => {
              try { await del(`/git/connections/${seg(c.id)}`); load(); } catch (err) { toast(problemText(err), 'error'); }
            }}, 'Disconnect')))));
    } catch (err) {
      showError(error, err);
    }
  }
  replace(container, h('h2', {}, 'Git providers'),
      h('table', {class: 'list', id: 'git-connections'}, h('thead', {}, h('tr', {}, ['Provider', 'Host', 'Token secret', ''].map((t) => h('th', {scope: 'col'}, t)))), body),
      form);
  load();
}

// MCP servers the agent may use: stdio commands or remote (SSE, streamable HTTP) servers.
import {get, post, del, seg} from '../api.js';
import {h, replace, field, errorBox, showError, toast, problemText} from '../dom.js';

export function render(container) {
  const body = h('tbody', {});
  const name = h('input', {id: 'mcp-name', type: 'text', required: true});
  const transport = h('select', {id: 'mcp-transport'},
      h('option', {value: 'stdio'}, 'stdio (a command)'), h('option', {value: 'streamable-http'}, 'streamable HTTP'),
      h('option', {value: 'sse'}, 'SSE'));
  const command = h('input', {id: 'mcp-command', type: 'text', placeholder: 'npx'});
  const args = h('input', {id: 'mcp-args', type: 'text', placeholder: '-y @modelcontextprotocol/server-everything'});
  const url = h('input', {id: 'mcp-url', type: 'url'});
  const error = errorBox();
  const stdioFields = h('div', {}, field('Command', command), field('Arguments', args, 'separated by spaces'));
  const urlField = field('URL', url);
  const sync = () => {
    stdioFields.hidden = transport.value !== 'stdio';
    urlField.hidden = transport.value === 'stdio';
  };
  transport.addEventListener('change', sync);
  const form = h('form', {class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const server = {name: name.value.trim(), transport: transport.value};
    if (transport.value === 'stdio') {
      server.command = command.value.trim();
      server.args = args.value.trim() ? args.value.trim().split(/\s+/) : [];
    } else {
      server.url = url.value.trim();
    }
    try {
      await post('/mcp-servers', server);
      toast('MCP server added.');
      load();
    } catch (err) {
      showError(error, err);
    }
  }}, h('h3', {}, 'Add an MCP server'), field('Name', name), field('Transport', transport), stdioFields, urlField,
  error, h('button', {type: 'submit', class: 'primary'}, 'Add'));
  sync();

  async function load() {
    try {
      const page = await get('/mcp-servers', {limit: 100});
      replace(body, page.items.map((s) => h('tr', {dataset: {name: s.name}},
          h('td', {'data-label': 'Name'}, s.name), h('td', {'data-label': 'Transport'}, s.transport),
          h('td', {'data-label': 'Runs'}, s.transport === 'stdio' ? [s.command, ...(s.args || [])].join(' ') : s.url),
          h('td', {}, h('button', {type: 'button', class: 'danger small', 'aria-label': `Remove MCP server ${s.name}`,
            onclick: async () => {
              try { await del(`/mcp-servers/${seg(s.name)}`); load(); } catch (err) { toast(problemText(err), 'error'); }
            }}, 'Remove')))));
    } catch (err) {
      showError(error, err);
    }
  }
  replace(container, h('h2', {}, 'MCP servers'),
      h('table', {class: 'list', id: 'mcp-servers'}, h('thead', {}, h('tr', {}, ['Name', 'Transport', 'Runs', ''].map((t) => h('th', {scope: 'col'}, t)))), body),
      form);
  load();
}

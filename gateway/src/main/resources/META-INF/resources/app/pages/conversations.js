// The user's conversations: newest first, searched by title and status, a page at a time; delete.
import {get, del, seg} from '../api.js';
import {h, replace, field, timeElement, toast, problemText} from '../dom.js';
import {statusText} from '../events/render.js';

const STATUSES = ['', 'idle', 'queued', 'running', 'paused', 'waiting_for_confirmation', 'finished', 'error', 'stuck', 'stopped'];
const PAGE = 20;

export function render(main) {
  const search = h('input', {type: 'search', id: 'search', placeholder: 'words in the title'});
  const status = h('select', {id: 'status-filter'}, STATUSES.map((s) => h('option', {value: s}, s ? statusText(s) : 'any')));
  const body = h('tbody', {});
  const table = h('table', {class: 'list', id: 'conversations'},
      h('caption', {class: 'visually-hidden'}, 'Your conversations'),
      h('thead', {}, h('tr', {}, ['Title', 'Status', 'Created', 'Updated', ''].map((t) => h('th', {scope: 'col'}, t)))),
      body);
  const empty = h('p', {class: 'muted', hidden: true}, 'No conversation yet. ', h('a', {href: '#/new'}, 'Start one.'));
  const previous = h('button', {type: 'button', disabled: true}, 'Previous');
  const next = h('button', {type: 'button', disabled: true}, 'Next');
  const pageLabel = h('span', {class: 'muted', 'aria-live': 'polite'});
  const pages = [null]; // the pageId of each page shown so far
  let index = 0;
  let timer;

  async function load() {
    try {
      const page = await get('/conversations', {
        limit: PAGE, pageId: pages[index], titleContains: search.value.trim(), status: status.value,
      });
      replace(body, page.items.map(row));
      empty.hidden = page.items.length > 0 || index > 0;
      pages[index + 1] = page.nextPageId;
      previous.disabled = index === 0;
      next.disabled = !page.nextPageId;
      pageLabel.textContent = `Page ${index + 1}`;
    } catch (error) {
      toast(problemText(error), 'error');
    }
  }

  function row(c) {
    const title = c.title || '(untitled)';
    return h('tr', {dataset: {id: c.id}},
        h('td', {'data-label': 'Title'}, h('a', {href: `#/c/${c.id}`}, title)),
        h('td', {'data-label': 'Status'}, h('span', {class: 'status status-' + c.status}, statusText(c.status))),
        h('td', {'data-label': 'Created'}, timeElement(c.createdAt)),
        h('td', {'data-label': 'Updated'}, timeElement(c.updatedAt)),
        h('td', {}, h('button', {type: 'button', class: 'danger small', 'aria-label': `Delete ${title}`,
          onclick: async () => {
            if (!confirm(`Delete the conversation “${title}” with its events and sandbox?`)) return;
            try {
              await del(`/conversations/${seg(c.id)}`);
              toast('Deleted.');
              load();
            } catch (error) {
              toast(problemText(error), 'error');
            }
          }}, 'Delete')));
  }

  function restart() {
    pages.length = 1;
    index = 0;
    load();
  }

  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(restart, 300); });
  status.addEventListener('change', restart);
  previous.addEventListener('click', () => { index--; load(); });
  next.addEventListener('click', () => { index++; load(); });

  replace(main,
      h('div', {class: 'page-head'}, h('h1', {}, 'Conversations'), h('a', {class: 'button primary', href: '#/new'}, 'New conversation')),
      h('form', {class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); restart(); }},
          field('Search', search), field('Status', status)),
      table, empty,
      h('nav', {class: 'pager', 'aria-label': 'Pages'}, previous, pageLabel, next));
  load();
  return () => clearTimeout(timer);
}

// The files of a conversation's workspace: browse, view, download, upload.
import {get, request, seg} from '../api.js';
import {h, replace, timeElement, toast, problemText} from '../dom.js';

const VIEWABLE_BYTES = 1_000_000;

export function render(container, id, conversation) {
  if (!conversation || !conversation.sandboxId) {
    replace(container, h('p', {class: 'muted', id: 'files-empty'}, 'This conversation has no sandbox yet, so no files.'));
    return null;
  }
  const crumbs = h('nav', {class: 'crumbs', 'aria-label': 'Folder'});
  const body = h('tbody', {});
  const listing = h('table', {class: 'list', id: 'files'},
      h('caption', {class: 'visually-hidden'}, 'Files'),
      h('thead', {}, h('tr', {}, ['Name', 'Size', 'Modified', ''].map((t) => h('th', {scope: 'col'}, t)))), body);
  const viewer = h('section', {id: 'file-viewer', class: 'viewer', hidden: true, 'aria-live': 'polite'});
  const upload = h('input', {type: 'file', id: 'upload', multiple: true});
  const uploadForm = h('form', {class: 'row', onsubmit: async (e) => {
    e.preventDefault();
    for (const file of upload.files) {
      try {
        await request('PUT', `/conversations/${seg(id)}/files`, {query: {path: join(current, file.name)}, body: file});
        toast(`Uploaded ${file.name}.`);
      } catch (error) {
        toast(`${file.name}: ${problemText(error)}`, 'error');
      }
    }
    upload.value = '';
    list(current);
  }}, h('label', {for: 'upload'}, 'Upload to this folder'), upload, h('button', {type: 'submit'}, 'Upload'));
  replace(container, crumbs, listing, uploadForm, viewer);
  let current = '.';

  async function list(path) {
    try {
      const dir = await get(`/conversations/${seg(id)}/files`, {path, list: true});
      current = path;
      breadcrumbs(path);
      const entries = [...(dir.entries || [])].sort((a, b) =>
          (a.type === 'directory' ? 0 : 1) - (b.type === 'directory' ? 0 : 1) || a.name.localeCompare(b.name));
      replace(body, path !== '.' ? h('tr', {}, h('td', {colspan: 4}, h('button', {type: 'button', class: 'link',
        onclick: () => list(parent(path))}, '.. (up)'))) : null, entries.map(row));
    } catch (error) {
      toast(problemText(error), 'error');
    }
  }

  function row(entry) {
    const relative = join(current, entry.name);
    const isDir = entry.type === 'directory';
    return h('tr', {dataset: {name: entry.name, type: entry.type}},
        h('td', {'data-label': 'Name'}, h('button', {type: 'button', class: 'link file-name',
          onclick: () => isDir ? list(relative) : view(relative, entry)}, isDir ? entry.name + '/' : entry.name)),
        h('td', {'data-label': 'Size'}, isDir ? '' : size(entry.size)),
        h('td', {'data-label': 'Modified'}, timeElement(entry.modifiedAt)),
        h('td', {}, isDir ? null : h('button', {type: 'button', class: 'small', 'aria-label': `Download ${entry.name}`,
          onclick: () => download(relative, entry.name)}, 'Download')));
  }

  function breadcrumbs(path) {
    const parts = path === '.' ? [] : path.replace(/^\.\//, '').split('/');
    const links = [h('button', {type: 'button', class: 'link', onclick: () => list('.')}, 'workspace')];
    parts.forEach((part, i) => {
      const to = parts.slice(0, i + 1).join('/');
      links.push(' / ', h('button', {type: 'button', class: 'link', onclick: () => list(to)}, part));
    });
    replace(crumbs, links);
  }

  async function fetchBytes(path) {
    const response = await request('GET', `/conversations/${seg(id)}/files`, {query: {path}, raw: true,
      headers: {Accept: 'application/octet-stream'}});
    return response.blob();
  }

  async function view(path, entry) {
    viewer.hidden = false;
    replace(viewer, h('h2', {}, path), h('p', {class: 'muted'}, 'Loading…'));
    try {
      if (entry.size > VIEWABLE_BYTES) {
        replace(viewer, h('h2', {}, path), h('p', {}, 'Too large to show here: download it.'));
        return;
      }
      const blob = await fetchBytes(path);
      let text;
      try {
        text = new TextDecoder('utf-8', {fatal: true}).decode(await blob.arrayBuffer());
      } catch {
        replace(viewer, h('h2', {}, path), h('p', {}, 'A binary file: download it.'));
        return;
      }
      replace(viewer, h('div', {class: 'page-head'}, h('h2', {id: 'viewer-title'}, path),
          h('button', {type: 'button', onclick: () => download(path, entry.name)}, 'Download')),
      h('pre', {class: 'text file-content', id: 'file-content', tabindex: 0, 'aria-labelledby': 'viewer-title'}, text));
    } catch (error) {
      replace(viewer, h('h2', {}, path), h('p', {class: 'error'}, problemText(error)));
    }
  }

  async function download(path, name) {
    try {
      const url = URL.createObjectURL(await fetchBytes(path));
      const link = h('a', {href: url, download: name, hidden: true});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      toast(problemText(error), 'error');
    }
  }

  list('.');
  return null;
}

function join(dir, name) {
  return dir === '.' ? name : `${dir}/${name}`;
}

function parent(path) {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

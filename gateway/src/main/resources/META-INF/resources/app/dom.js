// Building the page. Text always goes in as text (textContent): nothing from the agent, the user or the API is
// ever parsed as HTML.

/** An element: h('button', {type: 'button', onclick: f, class: 'x'}, 'text', child, ...). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A labelled form field: a label, the control, and a hint tied to it with aria-describedby. */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
  const hintElement = hint ? h('small', {id: id + '-hint', class: 'hint'}, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', {class: 'field'}, h('label', {for: id}, label), control, hintElement);
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : date.toLocaleString();
}

export function timeElement(iso) {
  return h('time', {datetime: iso || ''}, formatTime(iso));
}

/** A passing message for the user (screen readers hear it). */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  box.className = 'toast ' + kind;
  box.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.textContent = ''; box.className = ''; }, 6000);
}

/** The text of an API problem (problem+json), its field errors included. */
export function problemText(error) {
  const problem = error && error.problem;
  if (!problem) return error && error.message ? error.message : String(error);
  const parts = [problem.detail || problem.title || ('HTTP ' + problem.status)];
  for (const e of problem.errors || []) parts.push(`${e.field}: ${e.message || e.reason || ''}`);
  return parts.join(' — ');
}

/** An alert box inside a form, cleared and refilled. */
export function errorBox() {
  return h('p', {class: 'error', role: 'alert', hidden: true});
}

export function showError(box, error) {
  box.textContent = problemText(error);
  box.hidden = false;
}

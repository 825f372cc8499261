// One conversation: its events live (chat, actions and observations), confirmations, pause/resume/stop, usage,
// and a tab with its workspace's files.
import {get, post, seg} from '../api.js';
import {h, replace, field, toast, problemText} from '../dom.js';
import {EventFeed} from '../events/feed.js';
import {renderEvent, statusText, usageText} from '../events/render.js';
import {ConfirmationPanel} from './confirmation.js';
import * as files from './files.js';

export function render(main, [id, tab]) {
  const title = h('h1', {id: 'conversation-title'}, 'Conversation');
  const status = h('span', {id: 'conversation-status', class: 'status', role: 'status'});
  const usage = h('span', {id: 'conversation-usage', class: 'muted'});
  const streamState = h('span', {id: 'stream-state', class: 'muted'});
  const controls = ['pause', 'resume', 'stop'].map((action) => h('button', {
    type: 'button', id: 'action-' + action, class: action === 'stop' ? 'danger' : '',
    onclick: () => post(`/conversations/${seg(id)}/${action}`)
        .then(() => toast(`Asked to ${action}.`)).catch((e) => toast(problemText(e), 'error')),
  }, action[0].toUpperCase() + action.slice(1)));
  const tabs = h('nav', {class: 'tabs', 'aria-label': 'Conversation'},
      h('a', {href: `#/c/${id}`, 'aria-current': tab === 'files' ? null : 'page', id: 'tab-events'}, 'Events'),
      h('a', {href: `#/c/${id}/files`, 'aria-current': tab === 'files' ? 'page' : null, id: 'tab-files'}, 'Files'));
  const head = h('div', {class: 'conversation-head'},
      h('div', {class: 'page-head'}, title, h('div', {class: 'controls'}, controls)),
      h('p', {class: 'meta'}, status, ' ', usage, ' ', streamState), tabs);
  const content = h('div', {});
  replace(main, head, content);

  let conversation = null;
  let first = true;
  let caughtUp = false;
  let lastShown = 0;
  const show = (c) => {
    conversation = c;
    title.textContent = c.title || 'Conversation';
    document.title = (c.title || 'Conversation') + ' — Gantry';
    setStatus(c.status);
    usage.textContent = usageText(c.metrics);
    markCaughtUp();
  };
  const setStatus = (s) => {
    status.className = 'status status-' + s;
    status.textContent = statusText(s);
    status.dataset.status = s;
    controls[0].disabled = s !== 'running' && s !== 'waiting_for_confirmation';
    controls[1].disabled = s !== 'paused';
    const terminal = ['finished', 'error', 'stuck', 'stopped'].includes(s);
    controls[2].disabled = terminal || s === 'idle';
  };

  const loaded = get(`/conversations/${seg(id)}`).then(show).catch((error) => {
    replace(content, h('p', {class: 'error', role: 'alert', id: 'conversation-error'},
        error.status === 404 ? 'There is no such conversation of yours.' : problemText(error)));
    return Promise.reject(error);
  });

  if (tab === 'files') {
    let stop = () => {};
    loaded.then(() => { stop = files.render(content, id, conversation) || stop; }, () => {});
    return () => stop();
  }

  const confirmation = new ConfirmationPanel(id);
  const log = h('div', {id: 'events', class: 'events', role: 'log', 'aria-label': 'Events', 'aria-live': 'off'});
  const message = h('textarea', {id: 'message', rows: 2, placeholder: 'Message the agent'});
  const composer = h('form', {class: 'composer', onsubmit: async (e) => {
    e.preventDefault();
    const text = message.value.trim();
    if (!text) return;
    try {
      await post(`/conversations/${seg(id)}/messages`, {content: text, run: true});
      message.value = '';
    } catch (error) {
      toast(problemText(error), 'error');
    }
  }}, field('Message', message), h('button', {type: 'submit', class: 'primary'}, 'Send'));
  message.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) composer.requestSubmit();
  });
  // at most WINDOW events are in the page at once (a long conversation stays light to lay out, scroll and leave);
  // the older ones are kept aside and put back, a window at a time, on demand
  const WINDOW = 250;
  const shown = [];
  const aside = [];
  let expanded = false;
  const earlier = h('button', {type: 'button', id: 'show-earlier', class: 'link', hidden: true, onclick: () => {
    expanded = true;
    const back = aside.splice(Math.max(0, aside.length - WINDOW));
    const fragment = document.createDocumentFragment();
    for (const event of back) fragment.append(renderEvent(event));
    log.prepend(fragment);
    shown.unshift(...back);
    updateEarlier();
  }});
  function updateEarlier() {
    earlier.hidden = aside.length === 0;
    earlier.textContent = `Show ${Math.min(WINDOW, aside.length)} earlier events (${aside.length} not shown)`;
  }
  function trim() {
    if (expanded) return;
    while (shown.length > WINDOW) {
      aside.push(shown.shift());
      log.firstElementChild.remove();
    }
    updateEarlier();
  }
  replace(content, confirmation.element, earlier, log, composer);

  function markCaughtUp() {
    if (!caughtUp && conversation && lastShown >= conversation.lastSeq) {
      caughtUp = true;
      performance.mark('gantry:caught-up'); // every event the conversation had when the page opened
    }
  }
  let follow = true;
  const scroller = document.scrollingElement;
  window.addEventListener('scroll', onScroll, {passive: true});
  function onScroll() {
    follow = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }
  const feed = new EventFeed(id, (events) => {
    const fragment = document.createDocumentFragment();
    for (const event of events) {
      fragment.append(renderEvent(event));
      shown.push(event);
      confirmation.observe(event);
      const p = event.payload || {};
      if (event.kind === 'ConversationStateUpdateEvent') {
        if (p.status) setStatus(p.status);
        if (p.metrics) usage.textContent = usageText(p.metrics);
      }
    }
    log.append(fragment);
    trim();
    if (first) {
      first = false;
      performance.mark('gantry:first-event');
    }
    lastShown = events[events.length - 1].seq;
    markCaughtUp();
    confirmation.update(status.dataset.status);
    if (follow && feed.state === 'live') log.lastElementChild.scrollIntoView({block: 'end'});
  }, (state) => {
    feed.state = state;
    streamState.textContent = state === 'live' ? '● live' : state === 'reconnecting' ? 'reconnecting…'
        : state === 'history' ? 'loading…' : '';
    streamState.dataset.state = state;
  });
  // the events are read alongside the conversation (the API checks they are the caller's either way)
  feed.start();
  loaded.catch(() => feed.close());
  return () => {
    feed.close();
    window.removeEventListener('scroll', onScroll);
  };
}

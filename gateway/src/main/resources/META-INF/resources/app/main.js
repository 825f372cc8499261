// The web UI's entry: signs in (login link, pasted token, or OpenID Connect), then routes #/... to one page module.
import * as auth from './auth.js';
import {whenUnauthorized} from './api.js';
import {h, replace, toast} from './dom.js';
import * as login from './pages/login.js';
import * as conversations from './pages/conversations.js';
import * as newConversation from './pages/new-conversation.js';
import * as conversation from './pages/conversation.js';
import * as settings from './pages/settings.js';

const main = document.getElementById('main');
let cleanup = null;
let returnTo = null;

const routes = [
  [/^#\/conversations$/, conversations.render],
  [/^#\/new$/, newConversation.render],
  [/^#\/c\/([0-9a-fA-F-]{36})(?:\/(events|files))?$/, conversation.render],
  [/^#\/settings(?:\/([a-z-]+))?$/, settings.render],
];

function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  const signedIn = auth.token() && !auth.expired();
  document.getElementById('nav').hidden = !signedIn;
  if (!signedIn || location.hash === '#/login') {
    if (location.hash && location.hash !== '#/login') returnTo = location.hash;
    cleanup = login.render(main, {onSignedIn: () => go(returnTo || '#/conversations')});
    return;
  }
  const hash = location.hash || '#/conversations';
  for (const [pattern, render] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      markCurrent(hash);
      cleanup = render(main, match.slice(1)) || null;
      main.focus({preventScroll: true});
      return;
    }
  }
  replace(main, h('h1', {}, 'Not found'), h('p', {}, h('a', {href: '#/conversations'}, 'Back to the conversations')));
}

function markCurrent(hash) {
  for (const link of document.querySelectorAll('#nav a')) {
    if (hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function start() {
  auth.takeTokenFromFragment();
  whenUnauthorized(() => {
    auth.signOut();
    toast('Your session ended: sign in again.', 'error');
    returnTo = location.hash;
    route();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    auth.signOut();
    returnTo = null;
    location.hash = '#/login';
    route();
  });
  // back from the identity provider with ?code=...: finish signing in (else no need to wait for the config)
  if (/[?&](code|error)=/.test(location.search)) {
    try {
      const config = await auth.signInConfig();
      const next = config.oidc ? await auth.completeOidc(config.oidc) : null;
      if (next) location.hash = next;
    } catch (error) {
      toast(error.message, 'error');
    }
  }
  window.addEventListener('hashchange', route);
  route();
}

start();

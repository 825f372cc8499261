// Sign in: paste a token (./gantry up prints a login link that does it), or go through the identity provider.
import * as auth from '../auth.js';
import {h, replace, field, errorBox} from '../dom.js';

export function render(main, {onSignedIn}) {
  const tokenInput = h('textarea', {id: 'token', rows: 4, autocomplete: 'off', spellcheck: 'false', required: true});
  const error = errorBox();
  const oidcBox = h('div', {});
  const form = h('form', {class: 'card narrow', onsubmit: (e) => {
    e.preventDefault();
    const value = tokenInput.value.trim();
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)) {
      error.textContent = 'This is not a token: a JWT has three parts separated by dots.';
      error.hidden = false;
      tokenInput.focus();
      return;
    }
    auth.setToken(value);
    if (auth.expired()) {
      auth.signOut();
      error.textContent = 'This token has expired: get a new one (./gantry token).';
      error.hidden = false;
      return;
    }
    onSignedIn();
  }},
  h('h1', {}, 'Sign in to Gantry'),
  oidcBox,
  field('Token', tokenInput, 'The token ./gantry up prints (or ./gantry token <user>); its login link signs you in directly.'),
  error,
  h('button', {type: 'submit', class: 'primary'}, 'Sign in'));
  replace(main, form);
  auth.signInConfig().then((config) => {
    if (!config.oidc) return;
    replace(oidcBox,
        h('button', {type: 'button', class: 'primary', id: 'oidc-sign-in',
          onclick: () => auth.beginOidc(config.oidc, location.hash).catch((e) => {
            error.textContent = e.message; error.hidden = false;
          })}, 'Sign in with your identity provider'),
        h('p', {class: 'muted'}, 'or paste a token:'));
  });
  tokenInput.focus();
}

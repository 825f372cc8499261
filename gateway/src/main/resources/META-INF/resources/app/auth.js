// Who is signed in: a bearer token kept for this tab (sessionStorage), taken from the login link's fragment
// (#token=..., never sent to the server, so never in its logs), pasted by the user, or obtained from the identity
// provider by the OpenID Connect authorization-code flow with PKCE when the gateway names one.

const TOKEN_KEY = 'gantry.token';
const PKCE_KEY = 'gantry.oidc';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The token's claims (not verified here: the API verifies every request). */
export function claims() {
  const value = token();
  if (!value) return null;
  try {
    const part = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
  } catch {
    return null;
  }
}

export function expired() {
  const c = claims();
  return !c || (typeof c.exp === 'number' && c.exp * 1000 < Date.now());
}

/** Takes a token from the login link's fragment (#token=...), then drops it from the address bar and history. */
export function takeTokenFromFragment() {
  const match = /^#token=([A-Za-z0-9._~+/=-]+)/.exec(location.hash);
  if (!match) return false;
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + '#/conversations');
  return true;
}

let uiConfig;

/** How to sign in, from the gateway (public: nothing of the API). */
export async function signInConfig() {
  if (!uiConfig) {
    const response = await fetch('/ui/config.json', {headers: {Accept: 'application/json'}});
    uiConfig = response.ok ? await response.json() : {};
  }
  return uiConfig;
}

async function discovery(issuer) {
  const response = await fetch(issuer + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('the identity provider did not answer its discovery document');
  return response.json();
}

function randomText(bytes) {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(values);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function redirectUri() {
  return location.origin + '/';
}

/** Sends the browser to the provider's sign-in page. */
export async function beginOidc(oidc, returnTo) {
  const provider = await discovery(oidc.issuer);
  const verifier = randomText(48);
  const state = randomText(24);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({verifier, state, returnTo}));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scopes,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Completes the flow when the provider sent the browser back with ?code=&state=; answers where to go next. */
export async function completeOidc(oidc) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', '/');
  if (params.has('error')) throw new Error('the identity provider refused: ' + (params.get('error_description') || params.get('error')));
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in answer does not match the request: try again');
  const provider = await discovery(oidc.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error('the identity provider did not give a token (HTTP ' + response.status + ')');
  const tokens = await response.json();
  setToken(tokens.access_token);
  return pending.returnTo || '#/conversations';
}

// The public API (/api/v1) with the signed-in user's token. Errors carry the problem+json the API answered.
import {token} from './auth.js';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function request(method, path, {body, query, raw, headers, signal} = {}) {
  const url = new URL(API + path, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const init = {method, headers: {Accept: 'application/json', ...headers}, signal};
  if (token()) init.headers.Authorization = 'Bearer ' + token();
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    init.body = body;
    init.headers['Content-Type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * A new Idempotency-Key (a random UUID) for one create the user asks for; sent again with each retry of it, so a
 * create whose answer was lost is not made twice. crypto.randomUUID needs a secure context (https, localhost).
 */
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const get = (path, query, options) => request('GET', path, {...options, query});
export const post = (path, body) => request('POST', path, {body});
export const put = (path, body, query) => request('PUT', path, {body, query});
export const patch = (path, body) => request('PATCH', path, {body});
export const del = (path) => request('DELETE', path);

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(value);

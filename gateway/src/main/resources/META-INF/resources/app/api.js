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

export const get = (path, query, options) => request('GET', path, {...options, query});
export const post = (path, body) => request('POST', path, {body});
export const put = (path, body, query) => request('PUT', path, {body, query});
export const patch = (path, body) => request('PATCH', path, {body});
export const del = (path) => request('DELETE', path);

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(value);

// The HTTP API with the signed-in user's token; an answer that is not 2xx becomes an Error carrying the problem.
let base = '';
let token = null;
let onUnauthorized = () => {};

/** `bearer` is the token, or a function giving it (the user pool's, refreshed before it expires). */
export function configure(apiBase, bearer, unauthorized) {
  base = (apiBase || '').replace(/\/$/, '');
  token = bearer;
  onUnauthorized = unauthorized || onUnauthorized;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || problem?.message || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  const bearer = typeof token === 'function' ? await token() : token;
  if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Every item of a list route, following nextCursor up to `pages` pages of 100. */
export async function all(path, pages = 5) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < pages; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const answer = await api(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** A query string of the given values, leaving out empty ones (the API refuses empty parameters). */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

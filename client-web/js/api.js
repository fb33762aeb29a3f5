// Talks to the silo's JSON API. Errors arrive as problem+json; they are thrown as ApiError with
// the problem's detail and the field at fault, so pages can show the user what to fix.
// Requests that change state carry the session's CSRF token (fetched once, again after a login).

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
    this.field = problem?.field;
  }
}

let csrfToken = null;

/** Forget the CSRF token: the session changed (login, logout, password change). */
export function resetCsrfToken() {
  csrfToken = null;
}

/** The session's CSRF token, for a request made without api() (e.g. an upload with progress). */
export async function sessionCsrfToken() {
  csrfToken ??= (await send('/api/auth/csrf', 'GET')).token;
  return csrfToken;
}

async function send(path, method, body, headers) {
  const unsafe = method !== 'GET' && method !== 'HEAD';
  if (unsafe && path !== '/api/auth/login') await sessionCsrfToken();
  const response = await fetch(path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(unsafe && csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  if (response.status === 204) return null;
  const data = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    const seconds = Number(response.headers.get('retry-after'));
    if (seconds > 0) error.retryAfterMs = Math.min(seconds, 10) * 1000;
    throw error;
  }
  return data;
}

// While a silo of the cluster dies and its grains move (a few seconds), the silo answers 503 with Retry-After and nginx
// 502/504. A read, or a command that carries an Idempotency-Key, is sent again as it was (the same key: a command that did
// commit is replayed, not done twice) until this many milliseconds have passed; a command without a key is not repeated.
const RETRY_FOR_MS = 30000;
const RETRIED_STATUSES = new Set([502, 503, 504]);

function retriable(method, headers) {
  return method === 'GET' || Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
}

async function sendRetrying(path, method, body, headers) {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      return await send(path, method, body, headers);
    } catch (e) {
      const again = e instanceof ApiError ? RETRIED_STATUSES.has(e.status) : e instanceof TypeError; // TypeError: no answer at all
      if (!again || !retriable(method, headers) || Date.now() + (e.retryAfterMs ?? 1000) > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, e.retryAfterMs ?? 1000));
    }
  }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  try {
    return await sendRetrying(path, method, body, headers);
  } catch (e) {
    // A token from before a login or a restart: fetch a fresh one and try once more.
    if (e instanceof ApiError && e.code === 'csrf.invalid') {
      resetCsrfToken();
      return await sendRetrying(path, method, body, headers);
    }
    throw e;
  }
}

// A key per user action, so a double click or a retried request starts one run, not two.
export function newIdempotencyKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

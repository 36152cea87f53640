import type { z } from 'zod';
import { apiErrorSchema, type ErrorCode } from '../../../shared/errors.js';
import { CSRF_HEADER } from '../../../shared/api.js';
import type { ClientErrorCode } from '../errors.js';

/** A failed API call, carrying the registry code (never classified by message text). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    message: string,
    readonly retryAfter?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

// The CSRF token lives in this module's memory only: nothing secret goes to
// localStorage / sessionStorage / IndexedDB, where injected script could read
// it later. A reload gets a fresh copy from GET /api/session.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** The CSRF header for a state-changing request made outside apiRequest (raw upload chunks). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { [CSRF_HEADER]: csrfToken } : {};
}

type SessionLossListener = (code: ErrorCode) => void;
let sessionLossListener: SessionLossListener | null = null;
/** Called when any call answers 401 NOT_AUTHENTICATED / SESSION_EXPIRED, so the app can return to the login form. */
export function onSessionLost(listener: SessionLossListener | null): void {
  sessionLossListener = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** False for the session probe and login, whose 401 is an answer, not a lost session. */
  reportSessionLoss?: boolean;
  /** Let the request outlive the page (the last draft save on pagehide; the body must stay under 64 KiB). */
  keepalive?: boolean;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * One API call on the wire: the CSRF header on state-changing methods, a
 * JSON body, the same-origin referrer policy. Answers the response when it
 * is a 2xx; a failed one becomes the ApiRequestError of its code, a network
 * failure NETWORK_ERROR; AbortErrors pass through untouched.
 */
export async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      // With "no-referrer" (helmet's default header) browsers send "Origin: null"
      // on same-origin POSTs (Fetch §3.1), which an Origin check must refuse.
      referrerPolicy: 'same-origin',
      signal: options.signal ?? null,
      keepalive: options.keepalive ?? false,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiRequestError('NETWORK_ERROR', 0, String(err));
  }
  if (!response.ok) throw await toError(response, options.reportSessionLoss !== false);
  return response;
}

/**
 * Calls the API and parses the answer with the contract's zod schema at the
 * boundary; with `schema` null the answer is expected to be empty (204).
 * AbortErrors pass through untouched so TanStack Query can tell a cancelled
 * page fetch from a failed one.
 */
export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.infer<S>>;
export async function apiRequest(path: string, schema: null, options?: RequestOptions): Promise<void>;
export async function apiRequest(path: string, schema: z.ZodType | null, options: RequestOptions = {}): Promise<unknown> {
  const response = await send(path, options, 'application/json');
  if (schema === null || response.status === 204) return undefined;

  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError('BAD_RESPONSE', response.status, `${path}: ${parsed.error.message}`);
  }
  return parsed.data;
}

export async function toError(response: Response, reportSessionLoss: boolean): Promise<ApiRequestError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = apiErrorSchema.safeParse(json);
  if (!parsed.success) {
    // No JSON error body: a reverse proxy or the network answered, not our server.
    const code: ClientErrorCode =
      response.status === 401 ? 'NOT_AUTHENTICATED'
      : response.status === 429 ? 'RATE_LIMITED'
      : response.status >= 502 && response.status <= 504 ? 'NETWORK_ERROR'
      : 'BAD_RESPONSE';
    if (reportSessionLoss && code === 'NOT_AUTHENTICATED') sessionLossListener?.(code);
    return new ApiRequestError(code, response.status, `HTTP ${response.status}`);
  }
  const { code, message, retryAfter, field } = parsed.data.error;
  if (reportSessionLoss && (code === 'NOT_AUTHENTICATED' || code === 'SESSION_EXPIRED')) sessionLossListener?.(code);
  return new ApiRequestError(code, response.status, message, retryAfter, field);
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

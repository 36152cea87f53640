import type { z } from 'zod';
import { ApiRequestError, csrfHeaders, isAbort, toError } from './http.js';

/**
 * A request whose body is raw bytes, not JSON: one upload chunk. Same CSRF
 * header, referrer policy and error mapping as apiRequest, so a chunk's
 * failure carries a registry code the uploader can act on.
 */
export async function rawRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: { method: 'PUT' | 'POST' | 'PATCH'; body: Blob; headers?: Record<string, string>; signal?: AbortSignal | undefined },
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method,
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream', ...csrfHeaders(), ...options.headers },
      body: options.body,
      credentials: 'same-origin',
      // See apiRequest: "no-referrer" would make the browser send Origin: null.
      referrerPolicy: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiRequestError('NETWORK_ERROR', 0, String(err));
  }
  if (!response.ok) throw await toError(response, true);
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiRequestError('BAD_RESPONSE', response.status, `${path}: ${parsed.error.message}`);
  return parsed.data;
}

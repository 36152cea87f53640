import type { z } from 'zod';
import { NDJSON_TYPE } from '../../../shared/api.js';
import { ApiRequestError, isAbort, send, type RequestOptions } from './http.js';

/**
 * Reads a streamed NDJSON answer (bulk progress, search across mailboxes),
 * calling `onEvent` with each line as it arrives, parsed with the contract's
 * schema. Errors before the stream starts are the usual ApiRequestError.
 */
export async function streamRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  onEvent: (event: z.infer<S>) => void,
  options: RequestOptions = {},
): Promise<void> {
  const response = await send(path, options, NDJSON_TYPE);
  if (!response.body) throw new ApiRequestError('BAD_RESPONSE', response.status, `${path}: no body`);

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const emit = (line: string) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ApiRequestError('BAD_RESPONSE', response.status, `${path}: a line is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiRequestError('BAD_RESPONSE', response.status, `${path}: ${parsed.error.message}`);
    onEvent(parsed.data);
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        emit(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    }
  } catch (err) {
    if (isAbort(err) || err instanceof ApiRequestError) throw err;
    throw new ApiRequestError('NETWORK_ERROR', 0, String(err));
  }
  emit(buffered);
}

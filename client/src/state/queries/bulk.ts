import { useCallback, useRef, useState } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { API, type MessageActionResult } from '../../../../shared/api.js';
import { bulkEventSchema, type BulkActionBody } from '../../../../shared/bulk.js';
import { ApiRequestError } from '../../api/http.js';
import { streamRequest } from '../../api/ndjson.js';
import type { ClientErrorCode } from '../../errors.js';
import { mailboxKeys } from './mailboxes.js';
import { messageKeys } from './messages.js';

/** Where a running bulk action is: `total` is null until the server has resolved the selection. */
export interface BulkProgress {
  done: number;
  total: number | null;
}

/** The action stopped part-way (an `error` line): `done` messages were changed before it did. */
export class BulkActionError extends ApiRequestError {
  constructor(
    code: ClientErrorCode,
    message: string,
    readonly done: number,
  ) {
    super(code, 200, message);
  }
}

/**
 * Sends a bulk action and reads its streamed answer (shared/bulk.ts),
 * reporting each `progress` line; resolves with the `result`, throws
 * BulkActionError on an `error` line and ApiRequestError when the request was
 * refused before anything changed.
 */
export async function sendBulkAction(
  body: BulkActionBody,
  onProgress: (p: BulkProgress) => void,
  signal?: AbortSignal,
): Promise<MessageActionResult> {
  let result: MessageActionResult | null = null;
  let failure: BulkActionError | null = null;
  await streamRequest(
    API.bulk,
    bulkEventSchema,
    (event) => {
      if (event.type === 'progress') onProgress({ done: event.done, total: event.total });
      else if (event.type === 'result') result = event.result;
      else failure = new BulkActionError(event.code as ClientErrorCode, event.message, event.done);
    },
    { method: 'POST', body, signal },
  );
  if (failure) throw failure;
  if (!result) throw new ApiRequestError('BAD_RESPONSE', 200, `${API.bulk}: the answer ended without a result`);
  return result;
}

/**
 * After a bulk action, however it ended: one refresh of the folder counts and
 * the pages on screen, never one per chunk (a move also changes the
 * destination's pages, which are only marked stale until shown).
 */
export function refreshAfterBulk(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
  void qc.invalidateQueries({ queryKey: messageKeys.all() });
}

interface Run {
  body: BulkActionBody;
  signal: AbortSignal;
  onProgress: (p: BulkProgress) => void;
}

/** The mutation's options, apart from the hook so tests can drive them with a bare QueryClient. */
export function bulkMutationOptions(qc: QueryClient) {
  return {
    // Never queued offline (the server must resolve "all" against the mailbox as it is then), nor
    // paused until the link returns: without one it fails at once with NETWORK_ERROR, said as such.
    networkMode: 'always' as const,
    mutationFn: ({ body, signal, onProgress }: Run) => sendBulkAction(body, onProgress, signal),
    onSettled: () => refreshAfterBulk(qc),
  };
}

/**
 * One bulk action at a time for the list: `run` starts it, `progress` follows
 * the streamed lines, `stop` hangs up (the server stops before its next chunk;
 * what was done stays done, and the list is refreshed all the same).
 */
export function useBulkAction() {
  const qc = useQueryClient();
  const mutation = useMutation(bulkMutationOptions(qc));
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    (body: BulkActionBody, callbacks: { onSuccess?: (r: MessageActionResult) => void } = {}) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ done: 0, total: null });
      mutation.mutate({ body, signal: controller.signal, onProgress: setProgress }, { onSuccess: callbacks.onSuccess });
    },
    [mutation],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  const dismiss = useCallback(() => {
    mutation.reset();
    setProgress(null);
  }, [mutation]);

  return {
    run,
    stop,
    dismiss,
    running: mutation.isPending,
    progress,
    result: mutation.data ?? null,
    error: mutation.error,
    action: mutation.variables?.body.action ?? null,
  };
}

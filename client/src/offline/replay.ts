import type { MessageActionRequest } from '../../../shared/api.js';
import { describeError } from '../errors.js';
import { i18n } from '../i18n/index.js';
import type { OfflineStore } from './store.js';

/** Codes that mean "not now" rather than "no": the action stays queued for the next try. */
const TRY_LATER = new Set(['NETWORK_ERROR', 'IMAP_UNAVAILABLE', 'RATE_LIMITED', 'NOT_AUTHENTICATED', 'SESSION_EXPIRED', 'CSRF_FAILED']);

export function isTryLater(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRY_LATER.has(code);
}

/**
 * What the person reads about a change made offline that did not go through,
 * in the language of the moment: which action, on how many messages, and why
 * (the error-code table of errors.ts). `refused`: the server said no and the
 * change is dropped; `stalled`: it could not be sent yet and stays queued.
 */
export function replaySentence(kind: 'refused' | 'stalled', request: MessageActionRequest, err: unknown): string {
  const t = i18n.getFixedT(null, 'common');
  return t(`offline.${kind}`, { action: t(`offline.actions.${request.action}`), count: request.uids.length, reason: describeError(err) });
}

export const refusalSentence = (request: MessageActionRequest, err: unknown) => replaySentence('refused', request, err);

export interface ReplayResult {
  sent: MessageActionRequest[];
  refused: Array<{ request: MessageActionRequest; sentence: string }>;
  /** Actions still queued (the link failed again part-way). */
  remaining: number;
  /** Why the run stopped with actions left: the first of them, and the reason, said. */
  stalled: { request: MessageActionRequest; sentence: string } | null;
}

/**
 * Sends the account's queued actions oldest first, one at a time: a later
 * move may depend on an earlier flag, and IMAP applies them in the order
 * received. A refusal is dropped (retrying a "no" repeats it) and reported;
 * a transient failure stops the run with the rest kept, in order.
 */
export async function replayQueue(
  store: OfflineStore,
  account: string,
  send: (request: MessageActionRequest) => Promise<unknown>,
): Promise<ReplayResult> {
  const queue = await store.queued(account);
  const result: ReplayResult = { sent: [], refused: [], remaining: 0, stalled: null };
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i]!;
    try {
      await send(item.request);
      result.sent.push(item.request);
    } catch (err) {
      if (isTryLater(err)) {
        result.remaining = queue.length - i;
        result.stalled = { request: item.request, sentence: replaySentence('stalled', item.request, err) };
        return result;
      }
      result.refused.push({ request: item.request, sentence: refusalSentence(item.request, err) });
    }
    await store.dequeue(item.seq);
  }
  return result;
}

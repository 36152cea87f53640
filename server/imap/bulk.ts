import type { SearchObject } from 'imapflow';
import type { BulkActionRequest, BulkSelection } from '../../shared/bulk.js';
import type { MessageActionResult } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { applyToSet, resolveDestination } from './actions.js';
import { searchUidSet } from './search.js';
import { toSearchObject } from './search-query.js';
import type { MailSession } from './session.js';
import { chunkRanges, formatRanges, intersect, parseRanges, rangesSize, subtract, type UidRanges } from './uid-ranges.js';

/**
 * UIDs per command. Each command has a fixed cost on the server (on Dovecot's
 * maildir about 20 ms with 100,000 messages: the folder is synced again after
 * the previous command's renames), so small chunks add up: 1,000 doubled
 * Dovecot's CPU time against one STORE of the whole set, 5,000 adds a fifth.
 * A chunk is also how long another request of the same session may wait for
 * the connection, and how often progress moves (20 steps for 100,000).
 * Measured with e2e/bench/bulk-bench.ts; the numbers are in the commit.
 */
export const BULK_CHUNK_UIDS = 5_000;

/**
 * Longest UID set text in one command: scattered UIDs ("1,3,5,…") must not
 * reach Dovecot's 64 KiB command-line limit (imap_max_line_length).
 */
export const BULK_CHUNK_CHARS = 16_000;

/** How the caller follows the work: the route turns these into NDJSON lines. */
export interface BulkListener {
  /** The selection is resolved: `total` messages will be acted on. Nothing has changed yet. */
  start(total: number): void;
  /** After each chunk: `done` of `total` are done. */
  progress(done: number, total: number): void;
  /** True once nobody is waiting for the answer: stop before the next chunk. */
  readonly cancelled: boolean;
}

/**
 * The UIDs a selection names that exist now: one SEARCH, combined here with
 * the browser's sets. A short UID set is searched as it is (SEARCH UID), a
 * long one against the whole folder, so no command line grows with it.
 */
async function resolveSelection(session: MailSession, mailbox: string, selection: BulkSelection): Promise<{ ranges: UidRanges; uidValidity: bigint }> {
  const chosen = selection.kind === 'uids' ? parseRanges(selection.uids) : parseRanges(selection.except ?? '');
  let query: SearchObject;
  if (selection.kind === 'all') query = toSearchObject(selection.search ?? {});
  else query = formatRanges(chosen).length <= BULK_CHUNK_CHARS ? { uid: formatRanges(chosen) } : { all: true };
  // Selected read-write, as the chunks need it: one SELECT rather than EXAMINE, then SELECT.
  return session.withMailbox(mailbox, async ({ client, mailbox: selected }) => {
    const found = parseRanges(await searchUidSet(client, query));
    return { ranges: selection.kind === 'uids' ? intersect(found, chosen) : subtract(found, chosen), uidValidity: selected.uidValidity };
  });
}

/**
 * A bulk action on a selection of any size (issue 5 part 4): the selection is
 * resolved with one SEARCH, then the action runs in chunks of UID sets, never
 * fetching an envelope.
 *
 * The mailbox lock is taken per chunk, not for the whole run: the session has
 * one command connection, and a list page, a message or a folder switch asked
 * for while 100,000 messages are being moved waits one chunk, not the whole
 * move. UIDs do not change meaning between chunks unless UIDVALIDITY does
 * (RFC 3501 §2.3.1.1), which stops the run. A UID expunged meanwhile by
 * another client is ignored by UID STORE/MOVE (RFC 3501 §6.4.8).
 *
 * No automatic retry (as in actions.ts): after a broken link a chunk may have
 * been applied already. The error carries nothing of the partial work; the
 * listener's last `progress` says how much was done.
 */
export async function runBulkAction(session: MailSession, req: BulkActionRequest, listener: BulkListener): Promise<MessageActionResult> {
  const destination = await resolveDestination(session, req);
  const { ranges, uidValidity } = await resolveSelection(session, req.mailbox, req.selection);
  const total = rangesSize(ranges);
  listener.start(total);
  let done = 0;
  for (const chunk of chunkRanges(ranges, BULK_CHUNK_UIDS, BULK_CHUNK_CHARS)) {
    if (listener.cancelled) break;
    await session.withMailbox(
      req.mailbox,
      async ({ client, mailbox }) => {
        if (mailbox.uidValidity !== uidValidity) {
          throw new AppError('UIDVALIDITY_CHANGED', 'This mailbox was rebuilt on the server during the action.');
        }
        await applyToSet(client, formatRanges(chunk), req.action, destination);
      },
      { retry: false },
    );
    done += rangesSize(chunk);
    listener.progress(done, total);
  }
  return { action: req.action, affected: done, destination };
}

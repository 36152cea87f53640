import type { ImapFlow } from 'imapflow';
import type { MessageSummary } from '../../shared/mail.js';
import type { SearchAllEvent, SearchCriteria } from '../../shared/search.js';
import { compressUids } from '../../shared/uid-set.js';
import { AppError } from '../errors.js';
import { connectImap } from './connect.js';
import { toAppError } from './errors.js';
import { SUMMARY_FETCH_QUERY, toSummary } from './messages.js';
import { matchingUids } from './search-matches.js';
import type { MailSession } from './session.js';

/**
 * One search across every folder (issue 5 part 3). Roundcube searches the
 * folders one after another on its one connection and gives up at its request
 * timeout; here a bounded pool of extra connections, opened with the session's
 * own credentials, takes folders from one queue, and each folder's answer is
 * emitted the moment it is known. A slow folder holds one connection, not the
 * others; a failing one becomes a `mailboxError` event. The pool is closed when
 * the search ends or the client goes away (`signal`).
 */

export interface SearchAllOptions {
  session: MailSession;
  /** Selectable mailbox paths, in the order to search them. */
  paths: string[];
  criteria: Partial<SearchCriteria>;
  /** Rows sent with each folder's answer, newest first. */
  perMailbox: number;
  /** Most connections to open (WEBMAIL_SEARCH_CONNECTIONS). */
  connections: number;
  emit: (event: SearchAllEvent) => void;
  /** Aborted when the client disconnects: open connections are closed at once. */
  signal: AbortSignal;
  /** Opens one connection of the pool; the session's own account by default. */
  connect?: () => Promise<ImapFlow>;
}

interface FolderAnswer {
  uidValidity: string;
  total: number;
  items: MessageSummary[];
}

/** Searches one folder on a pool connection, through the session's search cache so "show all" opens at once. */
async function searchFolder(client: ImapFlow, cache: Map<string, unknown>, path: string, o: SearchAllOptions): Promise<FolderAnswer> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(path)}.`);
    const uids = await matchingUids(client, mailbox, cache, o.criteria);
    const newest = [...uids.subarray(Math.max(0, uids.length - o.perMailbox))].reverse();
    const byUid = new Map<number, MessageSummary>();
    if (newest.length > 0) {
      // Collected first: no command may run inside the iteration (STYLE.md §2).
      for await (const msg of client.fetch(compressUids(newest), SUMMARY_FETCH_QUERY, { uid: true })) byUid.set(msg.uid, toSummary(msg));
    }
    return { uidValidity: String(mailbox.uidValidity), total: uids.length, items: newest.flatMap((uid) => byUid.get(uid) ?? []) };
  } finally {
    lock.release();
  }
}

export async function searchAllMailboxes(o: SearchAllOptions): Promise<void> {
  const account = o.session.account;
  const connect = o.connect ?? (() => connectImap(account.imap, account.auth));
  const queue = [...o.paths];
  const open = new Set<ImapFlow>();
  const closeAll = () => {
    for (const c of open) c.close();
    open.clear();
  };
  o.signal.addEventListener('abort', closeAll, { once: true });
  let searched = 0;
  let failed = 0;
  let total = 0;
  o.emit({ type: 'start', mailboxes: o.paths.length });

  const fail = (path: string, e: AppError) => {
    failed += 1;
    o.emit({ type: 'mailboxError', path, code: e.code, message: e.message });
  };
  // Why the last connection could not be opened: the folders nobody could take get it.
  let unreachable: AppError | null = null;

  const worker = async () => {
    let client: ImapFlow | null = null;
    try {
      for (let path = queue.shift(); path !== undefined && !o.signal.aborted; path = queue.shift()) {
        if (!client?.usable) {
          if (client) open.delete(client);
          try {
            client = await connect();
          } catch (err) {
            // No connection for this worker: the others carry on with the queue.
            if (!o.signal.aborted) fail(path, (unreachable = toAppError(err)));
            return;
          }
          open.add(client);
          if (o.signal.aborted) break;
        }
        try {
          const answer = await searchFolder(client, o.session.cache, path, o);
          if (o.signal.aborted) break;
          searched += 1;
          total += answer.total;
          o.emit({ type: 'mailbox', path, ...answer });
        } catch (err) {
          if (o.signal.aborted) break;
          fail(path, toAppError(err, { mailbox: path }));
        }
      }
    } finally {
      if (client) {
        open.delete(client);
        if (client.usable) await client.logout().catch(() => client?.close());
        else client.close();
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.connections, o.paths.length)) }, worker));
  } finally {
    o.signal.removeEventListener('abort', closeAll);
    closeAll();
  }
  if (o.signal.aborted) return;
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) fail(path, unreachable ?? new AppError('IMAP_UNAVAILABLE', 'The mail server is not answering.'));
  o.emit({ type: 'done', searched, failed, total });
}

import type { ImapFlow, ListResponse } from 'imapflow';
import type { MessageAction, MessageActionRequest, MessageActionResult } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { findSpecialMailbox, requireMailbox, specialUseOf } from './mailboxes.js';
import type { MailSession } from './session.js';
import { compressUids, uidSetSize } from '../../shared/uid-set.js';
import { searchUidSet } from './search.js';

/** Keywords spam filters learn from (Dovecot's imapsieve/antispam, rspamd): RFC 5788 registry names. */
const JUNK = '$Junk';
const NOT_JUNK = '$NotJunk';

/** What an action needs to know where messages go: shared by one-message actions and bulk actions (bulk.ts). */
export interface ActionTarget {
  mailbox: string;
  action: MessageAction;
  target?: string | undefined;
}

function destinationFor(entries: ListResponse[], req: ActionTarget): string | null {
  const source = requireMailbox(entries, req.mailbox);
  switch (req.action) {
    case 'move':
      return requireMailbox(entries, req.target!).path;
    case 'delete':
      // In Trash, delete means gone; elsewhere it means "to Trash".
      return specialUseOf(source) === 'trash' ? null : findSpecialMailbox(entries, 'trash');
    case 'markSpam':
      return findSpecialMailbox(entries, 'junk');
    case 'markNotSpam':
      return 'INBOX';
    default:
      return null;
  }
}

/**
 * Where the messages go (null: they stay, or are expunged from Trash), found
 * with one LIST before any mailbox lock is taken. Throws MAILBOX_NOT_FOUND for
 * a missing source or target, SPECIAL_MAILBOX_MISSING without Trash or Junk.
 */
export async function resolveDestination(session: MailSession, req: ActionTarget): Promise<string | null> {
  const destination = destinationFor(await session.run((client) => client.list(), { mailbox: req.mailbox }), req);
  if (destination !== req.mailbox) return destination;
  if (req.action === 'move') throw new AppError('VALIDATION_FAILED', 'The messages are already in that mailbox.', { field: 'target' });
  // "Spam" in Junk or "not spam" in INBOX: the verdict keywords change, the message stays.
  return null;
}

/** imapflow answers a refused STORE/MOVE/EXPUNGE with `false`, not a throw; here it becomes an error. */
function check(ok: unknown, client: ImapFlow): void {
  if (ok) return;
  if (!client.usable) throw new AppError('IMAP_UNAVAILABLE', 'The mail server is not answering.');
  throw new AppError('IMAP_ERROR', 'The mail server refused the request.');
}

/**
 * Applies an action to a UID set of the selected mailbox with one command per
 * step. Flag changes are .SILENT (RFC 3501 §6.4.6), so the server need not
 * echo every message's flags; with CONDSTORE enabled (imapflow always enables
 * it) it still answers each message with its MODSEQ (RFC 7162 §3.1.3).
 */
export async function applyToSet(client: ImapFlow, set: string, action: MessageAction, destination: string | null): Promise<void> {
  const opts = { uid: true, silent: true } as const;
  switch (action) {
    case 'markRead':
      return check(await client.messageFlagsAdd(set, ['\\Seen'], opts), client);
    case 'markUnread':
      return check(await client.messageFlagsRemove(set, ['\\Seen'], opts), client);
    case 'flag':
      return check(await client.messageFlagsAdd(set, ['\\Flagged'], opts), client);
    case 'unflag':
      return check(await client.messageFlagsRemove(set, ['\\Flagged'], opts), client);
    case 'markSpam':
    case 'markNotSpam': {
      const [add, remove] = action === 'markSpam' ? [JUNK, NOT_JUNK] : [NOT_JUNK, JUNK];
      // The keywords are a hint to the spam filter, and a server may not keep keywords at all
      // (no \* in PERMANENTFLAGS, which imapflow answers with false): the move is the action.
      await client.messageFlagsRemove(set, [remove], opts);
      await client.messageFlagsAdd(set, [add], opts);
      if (destination) check(await client.messageMove(set, destination, { uid: true }), client);
      return;
    }
    case 'move':
      return check(await client.messageMove(set, destination!, { uid: true }), client);
    case 'delete':
      if (destination === null) return check(await client.messageDelete(set, { uid: true }), client);
      return check(await client.messageMove(set, destination, { uid: true }), client);
  }
}

/**
 * Acts on a small selection with UID sets: the UIDs that still exist are
 * collected first (one SEARCH), then one STORE, MOVE or EXPUNGE covers them
 * all, without fetching a single envelope. Selections of any size go through
 * bulk.ts, which does the same in chunks and reports progress.
 */
export async function applyAction(session: MailSession, req: MessageActionRequest): Promise<MessageActionResult> {
  // Resolve the destination before taking the source's lock.
  const destination = await resolveDestination(session, req);

  // No automatic retry: after a broken link the first attempt may have moved the messages already.
  return session.withMailbox(req.mailbox, async ({ client }) => {
    const set = await searchUidSet(client, { uid: compressUids(req.uids) });
    const affected = set ? uidSetSize(set) : 0;
    if (affected > 0) await applyToSet(client, set, req.action, destination);
    return { action: req.action, affected, destination };
  }, { retry: false });
}

import type { ListResponse } from 'imapflow';
import type { MessageActionRequest, MessageActionResult } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { findSpecialMailbox, requireMailbox, specialUseOf } from './mailboxes.js';
import type { MailSession } from './session.js';
import { compressUids, uidSetSize } from '../../shared/uid-set.js';
import { searchUidSet } from './search.js';

/** Keywords spam filters learn from (Dovecot's imapsieve/antispam, rspamd): RFC 5788 registry names. */
const JUNK = '$Junk';
const NOT_JUNK = '$NotJunk';

function destinationFor(entries: ListResponse[], req: MessageActionRequest): string | null {
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
 * Acts on a selection of any size with UID sets: the UIDs that still exist are
 * collected first (one SEARCH), then one STORE, MOVE or EXPUNGE covers them all,
 * without fetching a single envelope.
 */
export async function applyAction(session: MailSession, req: MessageActionRequest): Promise<MessageActionResult> {
  // Resolve the destination before taking the source's lock.
  let destination = destinationFor(await session.run((client) => client.list(), { mailbox: req.mailbox }), req);
  if (destination === req.mailbox) {
    if (req.action === 'move') throw new AppError('VALIDATION_FAILED', 'The messages are already in that mailbox.', { field: 'target' });
    // "Spam" in Junk or "not spam" in INBOX: the verdict keywords change, the message stays.
    destination = null;
  }

  // No automatic retry: after a broken link the first attempt may have moved the messages already.
  return session.withMailbox(req.mailbox, async ({ client }) => {
    const set = await searchUidSet(client, { uid: compressUids(req.uids) });
    const affected = set ? uidSetSize(set) : 0;
    if (affected === 0) return { action: req.action, affected: 0, destination };
    const opts = { uid: true } as const;
    switch (req.action) {
      case 'markRead':
        await client.messageFlagsAdd(set, ['\\Seen'], opts);
        break;
      case 'markUnread':
        await client.messageFlagsRemove(set, ['\\Seen'], opts);
        break;
      case 'flag':
        await client.messageFlagsAdd(set, ['\\Flagged'], opts);
        break;
      case 'unflag':
        await client.messageFlagsRemove(set, ['\\Flagged'], opts);
        break;
      case 'markSpam':
      case 'markNotSpam': {
        const [add, remove] = req.action === 'markSpam' ? [JUNK, NOT_JUNK] : [NOT_JUNK, JUNK];
        await client.messageFlagsRemove(set, [remove], opts);
        await client.messageFlagsAdd(set, [add], opts);
        if (destination) await client.messageMove(set, destination, opts);
        break;
      }
      case 'move':
        await client.messageMove(set, destination!, opts);
        break;
      case 'delete':
        if (destination === null) await client.messageDelete(set, opts);
        else await client.messageMove(set, destination, opts);
        break;
    }
    return { action: req.action, affected, destination };
  }, { retry: false });
}

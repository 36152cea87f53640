import type { ImapFlow } from 'imapflow';
import type { MessageActionRequest, MessageActionResult } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { findSpecialMailbox, requireMailbox, specialUseOf } from './mailboxes.js';
import type { MailSession } from './session.js';
import { compressUids, expandUidSet } from '../../shared/uid-set.js';

/** Keywords spam filters learn from (Dovecot's imapsieve/antispam, rspamd): RFC 5788 registry names. */
const JUNK = '$Junk';
const NOT_JUNK = '$NotJunk';

/** Which of `uids` still exist in the selected mailbox: one UID SEARCH over a compact set. */
async function existing(client: ImapFlow, uids: number[]): Promise<string> {
  const set = compressUids(uids);
  if (client.capabilities.has('ESEARCH')) {
    const result = await client.search({ uid: set }, { uid: true, returnOptions: ['all'] });
    if (result && typeof result === 'object' && !Array.isArray(result)) return (result as { all?: string }).all ?? '';
  }
  return compressUids((await client.search({ uid: set }, { uid: true })) || []);
}

async function destinationFor(client: ImapFlow, req: MessageActionRequest, sourceUse: string | null): Promise<string | null> {
  switch (req.action) {
    case 'move': {
      const target = await requireMailbox(client, req.target!);
      return target.path;
    }
    case 'delete':
      // In Trash, delete means gone; elsewhere it means "to Trash".
      return sourceUse === 'trash' ? null : findSpecialMailbox(client, 'trash');
    case 'markSpam':
      return findSpecialMailbox(client, 'junk');
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
  let destination = await session.run(
    async (client) => destinationFor(client, req, specialUseOf(await requireMailbox(client, req.mailbox))),
    { mailbox: req.mailbox },
  );
  if (destination === req.mailbox) {
    if (req.action === 'move') throw new AppError('VALIDATION_FAILED', 'The messages are already in that mailbox.', { field: 'target' });
    // "Spam" in Junk or "not spam" in INBOX: the verdict keywords change, the message stays.
    destination = null;
  }

  return session.withMailbox(req.mailbox, async ({ client }) => {
    const set = await existing(client, req.uids);
    const affected = set ? expandUidSet(set).length : 0;
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
  });
}

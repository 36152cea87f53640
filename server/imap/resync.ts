import type { MailboxState, ResyncRequest, ResyncResult } from '../../shared/push.js';
import { compressUids, expandUidSet } from '../../shared/uid-set.js';
import { AppError } from '../errors.js';
import type { MailSession } from './session.js';
import { loadUids } from './uid-index.js';

/** Above this many known UIDs without a modseq, flags are not re-sent: the client refetches what it shows. */
const FLAGS_WITHOUT_MODSEQ_MAX = 5_000;

/**
 * The difference between what a returning client last saw and the mailbox now
 * (DESIGN.md §4). Membership by UID comparison (UID SEARCH ALL as one ESEARCH
 * set against the client's known set); flags through CONDSTORE's
 * `FETCH … (CHANGEDSINCE modseq)` (RFC 7162 §3.1.4) when the client sent its
 * HIGHESTMODSEQ and the server keeps modseqs, else the flags of every known UID.
 */
export async function resync(session: MailSession, req: ResyncRequest): Promise<ResyncResult> {
  return session.withMailbox(
    req.path,
    async ({ client, mailbox }) => {
      const base = {
        path: mailbox.path,
        uidValidity: String(mailbox.uidValidity),
        uidNext: mailbox.uidNext,
        count: mailbox.exists,
        highestModseq: mailbox.highestModseq !== undefined ? String(mailbox.highestModseq) : undefined,
      };
      if (base.uidValidity !== req.uidValidity) {
        return { ...base, uidValidityChanged: true, added: [], vanished: [], flags: [] };
      }
      const known = expandUidSet(req.knownUids);
      const now = await loadUids(client);
      const nowSet = new Set(now);
      const knownSet = new Set(known);
      const maxKnown = known.length ? known[known.length - 1]! : 0;
      // "Added" is what arrived after the newest row the client holds; older rows it never paged in are not news.
      const added = [...now].filter((u) => u > maxKnown && !knownSet.has(u));
      const vanished = [...known].filter((u) => !nowSet.has(u));
      const stillThere = [...known].filter((u) => nowSet.has(u));
      const flags: ResyncResult['flags'] = [];
      const useModseq = req.highestModseq !== undefined && mailbox.highestModseq !== undefined && !mailbox.noModseq;
      if (stillThere.length && (useModseq || stillThere.length <= FLAGS_WITHOUT_MODSEQ_MAX)) {
        const range = compressUids(stillThere);
        const options = useModseq ? { uid: true, changedSince: BigInt(req.highestModseq!) } : { uid: true };
        // Collected first, acted on after (STYLE.md §2): nothing is issued inside the loop.
        for await (const msg of client.fetch(range, { uid: true, flags: true }, options)) {
          if (knownSet.has(msg.uid)) flags.push({ uid: msg.uid, flags: [...(msg.flags ?? [])].filter((f) => f !== '\\Recent') });
        }
      }
      return { ...base, uidValidityChanged: false, added, vanished, flags };
    },
    { readOnly: true },
  );
}

/**
 * A mailbox's state as the client's baseline for its next resync, by STATUS on
 * the command connection (RFC 7162 §3.1.3 HIGHESTMODSEQ): the IDLE connection's
 * own view lags the mailbox by the server's notification delay.
 */
export async function mailboxState(session: MailSession, path: string): Promise<MailboxState> {
  const s = await session.run((client) => client.status(path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true }), { mailbox: path });
  if (!s) throw new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(path)}.`);
  return {
    path: s.path,
    uidValidity: String(s.uidValidity ?? 0),
    uidNext: s.uidNext ?? 0,
    count: s.messages ?? 0,
    highestModseq: s.highestModseq !== undefined ? String(s.highestModseq) : undefined,
  };
}

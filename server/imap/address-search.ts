import type { ImapFlow, SearchObject } from 'imapflow';
import type { Recipient } from '../../shared/compose.js';
import { toAddresses } from '../mime/envelope.js';
import { findSpecialMailbox } from './mailboxes.js';

const SCAN_PER_MAILBOX = 50;

/**
 * Addresses the user wrote to or heard from that match `q`: SEARCH OR FROM/TO/CC
 * in INBOX and Sent (the query is passed as a search object, so imapflow
 * quotes it as a literal: no string building), envelopes of the newest matches
 * fetched, de-duplicated by address, newest first.
 */
export async function searchAddresses(client: ImapFlow, q: string, limit: number): Promise<Recipient[]> {
  const entries = await client.list();
  const mailboxes = ['INBOX'];
  try {
    mailboxes.push(findSpecialMailbox(entries, 'sent'));
  } catch {
    // no Sent mailbox: INBOX alone
  }
  const needle = q.toLowerCase();
  const found = new Map<string, { r: Recipient; at: number }>();
  for (const mailbox of mailboxes) {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      const query: SearchObject = { or: [{ from: q }, { to: q }, { cc: q }] };
      const uids = ((await client.search(query, { uid: true })) || []).slice(-SCAN_PER_MAILBOX);
      if (uids.length === 0) continue;
      const fetched = [];
      for await (const msg of client.fetch(uids.join(','), { uid: true, envelope: true, internalDate: true }, { uid: true })) fetched.push(msg);
      for (const msg of fetched) {
        const env = msg.envelope ?? {};
        const at = new Date(msg.internalDate ?? 0).getTime();
        for (const a of [...toAddresses(env.from), ...toAddresses(env.to), ...toAddresses(env.cc)]) {
          if (!a.address || !(`${a.name} ${a.address}`.toLowerCase().includes(needle))) continue;
          const key = a.address.toLowerCase();
          const prev = found.get(key);
          if (!prev || prev.at < at) found.set(key, { r: { name: a.name || prev?.r.name || '', address: a.address }, at });
        }
      }
    } finally {
      lock.release();
    }
  }
  return [...found.values()].sort((a, b) => b.at - a.at).slice(0, limit).map((x) => x.r);
}

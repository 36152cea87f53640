import type { Recipient } from '../../shared/compose.js';
import type { Address } from '../../shared/mail.js';
import { sameAddress } from '../mime/addresses.js';

/** Leading "Re:" in the languages mail clients commonly write (Outlook's "AW:", "SV:", "Antw:"), with an optional "[2]" count. */
const REPLY_PREFIX = /^\s*(re|aw|sv|antw|vs|ref)\s*(\[\d+\])?\s*:\s*/i;
const FORWARD_PREFIX = /^\s*(fwd?|wg|tr|rv|vs)\s*(\[\d+\])?\s*:\s*/i;

function strip(subject: string, prefix: RegExp): string {
  let s = subject;
  while (prefix.test(s)) s = s.replace(prefix, '');
  return s.trim();
}

/** "Re: " once, however many the original stacked ("Re: RE: Aw: x" → "Re: x"). */
export function replySubject(subject: string): string {
  return `Re: ${strip(subject, REPLY_PREFIX)}`;
}

/** "Fwd: " once ("Fwd: FW: x" → "Fwd: x"). */
export function forwardSubject(subject: string): string {
  return `Fwd: ${strip(subject, FORWARD_PREFIX)}`;
}

export const REFERENCES_MAX = 20;

/**
 * References for a reply (RFC 5322 §3.6.4): the original's References (or its
 * In-Reply-To when it has none) followed by its Message-ID. Long chains are
 * trimmed keeping the first (the thread root) and the most recent ones.
 */
export function replyReferences(original: { references: string[]; inReplyTo: string | null; messageId: string | null }, max = REFERENCES_MAX): string[] {
  const chain = original.references.length ? [...original.references] : original.inReplyTo ? [original.inReplyTo] : [];
  if (original.messageId) chain.push(original.messageId);
  const unique = chain.filter((id, i) => chain.indexOf(id) === i);
  if (unique.length <= max) return unique;
  return [unique[0]!, ...unique.slice(unique.length - (max - 1))];
}

/** Message-IDs in a References or In-Reply-To header value, with their angle brackets. */
export function parseMessageIds(value: string | undefined | null): string[] {
  return value ? (value.match(/<[^<>\s]+>/g) ?? []) : [];
}

export interface OriginalParties {
  from: Address | null;
  replyTo: Address[];
  to: Address[];
  cc: Address[];
}

function dedupe(list: Address[], exclude: Address[], self: string[]): Recipient[] {
  const out: Recipient[] = [];
  for (const a of list) {
    if (!a.address) continue;
    if (self.some((s) => sameAddress(s, a.address))) continue;
    if ([...exclude, ...out].some((x) => sameAddress(x.address, a.address))) continue;
    out.push({ name: a.name, address: a.address });
  }
  return out;
}

/**
 * Who a reply goes to. Reply-To is honoured over From (RFC 5322 §3.6.2).
 * Reply-all adds the original To and Cc, as Cc, minus the user's own
 * addresses and duplicates. Replying to one's own sent message goes to its
 * original recipients instead of back to oneself.
 */
export function replyRecipients(orig: OriginalParties, self: string[], all: boolean): { to: Recipient[]; cc: Recipient[] } {
  const fromSelf = orig.from !== null && self.some((s) => sameAddress(s, orig.from!.address));
  let primary: Address[];
  if (orig.replyTo.length) primary = orig.replyTo;
  else if (fromSelf) primary = orig.to;
  else primary = orig.from ? [orig.from] : [];
  // Replying to oneself on purpose (a note to self) keeps the one address.
  const to = fromSelf && primary === orig.to && orig.to.every((a) => self.some((s) => sameAddress(s, a.address)))
    ? primary.slice(0, 1).map((a) => ({ name: a.name, address: a.address }))
    : dedupe(primary, [], fromSelf ? self : []);
  if (!all) return { to, cc: [] };
  const others = fromSelf && primary === orig.to ? orig.cc : [...orig.to, ...orig.cc];
  return { to, cc: dedupe(others, to, self) };
}

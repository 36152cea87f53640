import { domainToASCII, domainToUnicode } from 'node:url';
import addrs from 'email-addresses';
import type { Recipient } from '../../shared/compose.js';
import { AppError } from '../errors.js';

export interface NormalisedRecipient {
  /** For headers and display: the display name as typed, the domain in Unicode. */
  name: string;
  address: string;
  /** For the SMTP envelope: the domain in punycode (RFC 5890); a UTF-8 local part still needs SMTPUTF8 (RFC 6531). */
  envelope: string;
}

/**
 * Parses one address with an RFC 5322 parser in RFC 6532 mode (UTF-8 allowed),
 * refusing groups, display names smuggled into the address field, single-label
 * domains (almost always a typo such as "anna@gmail") and over-long parts.
 * Returns null when the address is not usable.
 */
export function normaliseAddress(raw: string): { address: string; envelope: string } | null {
  const input = raw.trim();
  if (!input || input.length > 320) return null;
  const parsed = addrs.parseOneAddress({ input, rfc6532: true, rejectTLD: true, startAt: 'address' });
  if (!parsed || parsed.type !== 'mailbox' || parsed.name) return null;
  // The local part as written: its semantic form drops the quotes a quoted local part needs (RFC 5322 §3.4.1).
  const local = parsed.parts.local.tokens.trim();
  let domain = parsed.domain;
  if (Buffer.byteLength(local) > 64) return null;
  if (domain.startsWith('[')) return null; // address literals are for MTAs, not for people
  domain = domain.normalize('NFC').toLowerCase();
  const ascii = domainToASCII(domain);
  if (!ascii || ascii.length > 253) return null;
  // Show a readable domain even when typed as punycode ("xn--mnchen-3ya.de" → "münchen.de").
  const unicode = domainToUnicode(ascii) || domain;
  return { address: `${local}@${unicode}`, envelope: `${local}@${ascii}` };
}

/** Validates a recipient list; the first bad address is named, with its field (`to[2]`). */
export function normaliseRecipients(list: Recipient[], field: string): NormalisedRecipient[] {
  return list.map((r, i) => {
    const n = normaliseAddress(r.address);
    if (!n) throw new AppError('INVALID_ADDRESS', `${JSON.stringify(r.address)} is not a valid email address.`, { field: `${field}[${i}]` });
    return { name: r.name.trim(), address: n.address, envelope: n.envelope };
  });
}

/** Envelope recipients without duplicates (case-insensitive domain, case kept in the local part, RFC 5321 §2.4). */
export function envelopeRecipients(lists: NormalisedRecipient[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of lists.flat()) {
    const key = r.envelope;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r.envelope);
  }
  return out;
}

/** Same mailbox? Domains compare case-insensitively; local parts too, as every common server treats them. */
export function sameAddress(a: string, b: string): boolean {
  const x = normaliseAddress(a);
  const y = normaliseAddress(b);
  if (!x || !y) return a.trim().toLowerCase() === b.trim().toLowerCase();
  return x.envelope.toLowerCase() === y.envelope.toLowerCase();
}

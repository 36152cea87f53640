import type { ComposeMode } from '../../shared/compose.js';
import { defaultIdentity, type Identity } from '../../shared/identities.js';
import type { Address } from '../../shared/mail.js';
import { sameAddress } from '../mime/addresses.js';

export interface OriginalAddresses {
  from: Address | null;
  to: Address[];
  cc: Address[];
  /**
   * Delivered-To and X-Original-To values (RFC 9228; Postfix and Dovecot
   * write them), the first of each: the address the server delivered to,
   * which names the alias when the original's To was a list or a Bcc.
   */
  deliveredTo: Array<string | undefined>;
}

/** The address in a Delivered-To style value: "a@b", "<a@b>", with or without spaces. */
export function headerAddress(value: string | undefined): string | null {
  return value ? (/<?([^\s<>@]+@[^\s<>@]+)>?/.exec(value)?.[1] ?? null) : null;
}

/** The identity with this address; when several share it, the default, else the oldest. */
function byAddress(identities: readonly Identity[], address: string): Identity | null {
  const matches = identities.filter((i) => sameAddress(i.address, address));
  return matches.find((i) => i.isDefault) ?? matches[0] ?? null;
}

function firstMatch(identities: readonly Identity[], addresses: Array<string | null | undefined>): Identity | null {
  for (const a of addresses) {
    const found = a ? byAddress(identities, a) : null;
    if (found) return found;
  }
  return null;
}

/**
 * The identity a reply or forward starts with: the one the original was
 * sent to (its To, then Cc, in order), else the one the server delivered it
 * to (Delivered-To, X-Original-To), else the one that sent it (answering
 * one's own message from Sent), else the default. "Edit as new" repeats a
 * message of one's own, so it keeps its sender.
 */
export function chooseIdentity(identities: readonly Identity[], mode: ComposeMode, orig: OriginalAddresses): Identity | null {
  const fallback = defaultIdentity(identities);
  const from = orig.from?.address;
  if (mode === 'editAsNew') return firstMatch(identities, [from]) ?? fallback;
  return (
    firstMatch(identities, [...orig.to, ...orig.cc].map((a) => a.address)) ??
    firstMatch(identities, orig.deliveredTo.map(headerAddress)) ??
    firstMatch(identities, [from]) ??
    fallback
  );
}

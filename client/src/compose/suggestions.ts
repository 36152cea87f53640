import type { Recipient } from '../../../shared/compose.js';
import type { ContactSuggestion } from '../../../shared/contacts.js';

/** One line of a recipient field's list: an address, or a group that adds all its members. */
export type RecipientOption =
  | { kind: 'address'; key: string; name: string; address: string }
  | { kind: 'group'; key: string; name: string; members: Recipient[] };

/**
 * The list under a recipient field: the address book first (the user chose
 * those people), then its groups, then addresses seen in mail (IMAP search),
 * each address once, none that is already a chip. A group whose members are
 * all chips already offers nothing new and is left out. Addresses compare
 * without case here, as the address book does: a list that offers Ann@x and
 * ann@x offers the same person twice.
 */
export function mergeSuggestions(
  contacts: readonly ContactSuggestion[] | undefined,
  seen: readonly Recipient[] | undefined,
  chosen: readonly Recipient[],
  max = 8,
): RecipientOption[] {
  const out: RecipientOption[] = [];
  const key = (address: string) => address.trim().toLowerCase();
  const taken = new Set(chosen.map((c) => key(c.address)));
  const addAddress = (name: string, address: string) => {
    if (taken.has(key(address))) return;
    taken.add(key(address));
    out.push({ kind: 'address', key: `address:${key(address)}`, name, address });
  };
  for (const s of contacts ?? []) if (s.kind === 'contact') addAddress(s.name, s.address);
  for (const s of contacts ?? []) {
    if (s.kind !== 'group') continue;
    const members = s.members.filter((m) => !chosen.some((c) => key(c.address) === key(m.address)));
    if (members.length) out.push({ kind: 'group', key: `group:${s.groupId}`, name: s.name, members });
  }
  for (const r of seen ?? []) addAddress(r.name, r.address);
  return out.slice(0, max);
}

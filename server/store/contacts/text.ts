/**
 * Text keys of the address book: what search, duplicate checks and group
 * names compare. Folding removes case and accents (NFD, then the combining
 * marks, Unicode UAX #15), so "zoe" finds "Zoë" and "ELODIE" finds "Élodie".
 */

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * An address as compared when deciding whether it is already known. Local
 * parts may be case-sensitive (RFC 5321 §2.4), but no mail program treats
 * Bob@x and bob@x as two people, and neither do we.
 */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/** The searchable text of a contact: the name first, so ordering by it orders by name. */
export function searchText(name: string, addresses: readonly string[]): string {
  return [name, ...addresses].map(fold).join('\n');
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point: an imported line must not keep them
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** One line of imported text: control characters and runs of spaces become one space. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

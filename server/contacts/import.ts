import iconv from 'iconv-lite';
import {
  CONTACT_EMAILS_MAX, CONTACT_LABEL_MAX, CONTACT_NAME_MAX, CONTACT_NOTES_MAX, CONTACT_PHONE_MAX, CONTACT_PHONES_MAX, IMPORT_REPORT_MAX,
  contactAddressSchema, type ImportResult,
} from '../../shared/contacts.js';
import { AppError } from '../errors.js';
import { readCsv } from './csv.js';
import { pacer } from '../store/pacer.js';
import type { RawEntry, Skip } from './import-types.js';
import type { ContactsStore, ImportedContact } from '../store/contacts/store.js';
import { addressKey, fold, oneLine } from '../store/contacts/text.js';
import { readVCards } from './vcard.js';

/**
 * An import: bytes in, contacts added, a report of every line skipped. The
 * readers (vcard.ts, csv.ts) find entries; this checks each one against the
 * address book's limits, so a bad entry is reported, never half-imported.
 */

/**
 * The file's text. A BOM names UTF-16 (Outlook's "Unicode" CSV) or UTF-8;
 * without one, UTF-8 if the bytes are valid UTF-8, else Windows-1252, what
 * older Outlook and Excel exports are written in.
 */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // iconv-lite, not TextDecoder: Node's decoder reads this label as Latin-1 (0x80 is not €).
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}

/** vCard when any line opens a card (garbage may come first); CSV otherwise. */
export function detectFormat(text: string): 'vcard' | 'csv' {
  return /^BEGIN:VCARD[ \t]*$/im.test(text) ? 'vcard' : 'csv';
}

/** A raw entry as the store takes it, or the reason it cannot be imported. */
export function checkEntry(raw: RawEntry): ImportedContact | Skip {
  const name = oneLine(raw.name);
  const seen = new Set<string>();
  const emails: ImportedContact['emails'] = [];
  for (const e of raw.emails) {
    const address = e.address.trim().replace(/^mailto:/i, '');
    if (address === '') continue;
    if (!contactAddressSchema.safeParse(address).success) return { line: raw.line, reason: 'INVALID_EMAIL' };
    if (seen.has(addressKey(address))) continue;
    seen.add(addressKey(address));
    emails.push({ address, label: label(e.label) });
  }
  const phones = raw.phones.map((p) => ({ number: oneLine(p.number), label: label(p.label) })).filter((p) => p.number !== '');
  const notes = raw.notes.replace(/\r\n?/g, '\n').trim();
  if (name === '' && emails.length === 0) return { line: raw.line, reason: 'NO_NAME_OR_EMAIL' };
  if (
    name.length > CONTACT_NAME_MAX ||
    notes.length > CONTACT_NOTES_MAX ||
    emails.length > CONTACT_EMAILS_MAX ||
    phones.length > CONTACT_PHONES_MAX ||
    phones.some((p) => p.number.length > CONTACT_PHONE_MAX)
  ) {
    return { line: raw.line, reason: 'TOO_LONG' };
  }
  const groups = new Map<string, string>();
  for (const g of raw.groupNames.map((n) => oneLine(n).slice(0, 100).trim())) if (g && !groups.has(fold(g))) groups.set(fold(g), g);
  return { line: raw.line, name, emails, phones, notes, groupNames: [...groups.values()] };
}

/** A label is decoration: one that is too long is cut rather than costing the contact. */
function label(text: string): string {
  return oneLine(text).slice(0, CONTACT_LABEL_MAX).trim();
}

export async function importFile(store: ContactsStore, owner: string, bytes: Uint8Array, format?: 'vcard' | 'csv'): Promise<ImportResult> {
  const text = decodeFile(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new AppError('VALIDATION_FAILED', 'The file is empty.');
  const items = (format ?? detectFormat(text)) === 'vcard' ? readVCards(text) : readCsv(text);
  const skipped: Skip[] = [];
  const good: ImportedContact[] = [];
  const { pause } = pacer();
  for (const item of items) {
    const checked = 'reason' in item ? item : checkEntry(item);
    if ('reason' in checked) skipped.push(checked);
    else good.push(checked);
    await pause();
  }
  const stored = await store.importMany(owner, good);
  const all = [...skipped, ...stored.skipped].sort((a, b) => a.line - b.line);
  return { imported: stored.imported, skipped: all.slice(0, IMPORT_REPORT_MAX), skippedTotal: all.length };
}

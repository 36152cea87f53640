import ICAL from 'ical.js';
import type { Contact } from '../../shared/contacts.js';
import { collect, type ParsedFile, type RawEntry, type Skip } from './import-types.js';

/**
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) in and out, through ical.js.
 *
 * Reading is tolerant: the file is cut into cards at their BEGIN:VCARD and
 * END:VCARD lines here (only to know where each card starts), and each card
 * is parsed on its own by ical.js, so one broken card costs that card alone.
 * A card without END, lines between cards and a card ical.js refuses are
 * reported with their line numbers. Mapped: FN (or N), EMAIL, TEL, NOTE,
 * CATEGORIES (the groups); other properties are not kept.
 */

const BEGIN = /^BEGIN:VCARD[ \t]*$/i;
const END = /^END:VCARD[ \t]*$/i;

/** Cards and skipped lines in file order, one at a time, so a long import can let other requests run between them. */
export function* readVCards(text: string): Generator<RawEntry | Skip> {
  const lines = text.split(/\r\n|\n|\r/);
  let card: { start: number; lines: string[] } | null = null;
  for (const [i, line] of lines.entries()) {
    const number = i + 1;
    if (BEGIN.test(line)) {
      if (card) yield { line: card.start, reason: 'NO_END' };
      card = { start: number, lines: [line] };
    } else if (END.test(line)) {
      if (!card) {
        yield { line: number, reason: 'OUTSIDE_CARD' };
        continue;
      }
      card.lines.push(line);
      yield readCard(card.lines, card.start) ?? { line: card.start, reason: 'UNPARSABLE' };
      card = null;
    } else if (card) {
      card.lines.push(line);
    } else if (line.trim() !== '') {
      yield { line: number, reason: 'OUTSIDE_CARD' };
    }
  }
  if (card) yield { line: card.start, reason: 'NO_END' };
}

export function parseVCards(text: string): ParsedFile {
  return collect(readVCards(text));
}

/** One card's lines (BEGIN to END) as an entry; null when ical.js cannot read them. */
function readCard(lines: string[], start: number): RawEntry | null {
  let component: ICAL.Component;
  try {
    const jcard: unknown = ICAL.parse(lines.join('\r\n') + '\r\n');
    if (!Array.isArray(jcard) || jcard[0] !== 'vcard') return null;
    component = new ICAL.Component(jcard as unknown[]);
  } catch {
    return null;
  }
  const text = (p: ICAL.Property) => String(p.getFirstValue() ?? '');
  const emails = component.getAllProperties('email').map((p) => ({ address: text(p).replace(/^mailto:/i, ''), label: emailLabel(typesOf(p)) }));
  // vCard 4.0 writes numbers as tel: URIs (RFC 3966); the number is what follows.
  const phones = component.getAllProperties('tel').map((p) => ({ number: text(p).replace(/^tel:/i, ''), label: phoneLabel(typesOf(p)) }));
  const categories = component.getAllProperties('categories').flatMap((p) => p.getValues().map((v) => String(v ?? '')));
  return {
    line: start,
    name: component.getFirstPropertyValue('fn') ? String(component.getFirstPropertyValue('fn')) : nameFromN(component.getFirstPropertyValue('n')),
    emails,
    phones,
    notes: component.getAllProperties('note').map(text).join('\n'),
    groupNames: categories,
  };
}

/** N is family;given;additional;prefix;suffix (RFC 6350 §6.2.2); 4.0 allows several values in each. */
function nameFromN(n: unknown): string {
  if (!Array.isArray(n)) return typeof n === 'string' ? n.replace(/;/g, ' ') : '';
  const part = (i: number) => [n[i] ?? ''].flat().join(' ');
  return [part(3), part(1), part(2), part(0), part(4)].filter((s) => s.trim() !== '').join(' ');
}

function typesOf(p: ICAL.Property): string[] {
  const t = p.getParameter('type');
  return (Array.isArray(t) ? t : t ? [t] : []).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}

const KNOWN = new Set(['home', 'work', 'other', 'mobile', 'fax', 'cell', 'voice', 'pref', 'internet', 'x400', 'text', 'msg']);
/** Standard type words in lower case; a custom label as written. */
const word = (t: string) => (KNOWN.has(t.toLowerCase()) ? t.toLowerCase() : t);

/** INTERNET and PREF say nothing a person chose (RFC 2426 §3.3.2, RFC 6350 §5.3). */
function emailLabel(types: string[]): string {
  return types.map(word).find((t) => !['internet', 'pref', 'x400'].includes(t)) ?? '';
}

function phoneLabel(types: string[]): string {
  const words = types.map(word).filter((t) => !['voice', 'pref', 'msg', 'text'].includes(t));
  if (words.includes('fax')) return 'fax';
  if (words.includes('cell') || words.includes('mobile')) return 'mobile';
  return words[0] ?? '';
}

/** The TYPE a label is written as: RFC 6350 says "cell" for what people call mobile. */
function phoneType(label: string): string {
  return label === 'mobile' ? 'cell' : label;
}

/**
 * Writes the contacts as one vCard file. N is required in 3.0 (RFC 2426
 * §3.1.2) and read by many programs, so it is derived from the name (last
 * word as family name); FN keeps the name exactly, and is what we read back.
 */
export function writeVCards(contacts: Contact[], groupName: (id: string) => string | undefined, version: '3.0' | '4.0'): string {
  // ical.js folds after `foldLength` octets and then adds the leading space, so a
  // continuation line would be 76 octets; RFC 6350 §3.2 says at most 75.
  const fold = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return contacts.map((c) => writeCard(c, groupName, version)).join('');
  } finally {
    ICAL.foldLength = fold;
  }
}

function writeCard(c: Contact, groupName: (id: string) => string | undefined, version: '3.0' | '4.0'): string {
  const card = new ICAL.Component(['vcard', [], []]);
  card.addPropertyWithValue('version', version);
  card.addPropertyWithValue('uid', `urn:uuid:${c.id}`);
  // An unnamed contact keeps an empty FN (allowed: the property is required, not its text), so it reads back unnamed.
  card.addPropertyWithValue('fn', c.name);
  const split = /^(.*\S)\s+(\S+)$/.exec(c.name);
  const n = new ICAL.Property('n', card);
  n.setValue((split ? [split[2]!, split[1]!, '', '', ''] : [c.name, '', '', '', '']) as unknown as string);
  card.addProperty(n);
  for (const e of c.emails) {
    const p = card.addPropertyWithValue('email', e.address);
    if (e.label) p.setParameter('type', e.label);
  }
  for (const t of c.phones) {
    const p = new ICAL.Property('tel', card);
    // Free-form text, as people type numbers; 4.0 allows it with VALUE=text (RFC 6350 §6.4.1).
    if (version === '4.0') p.resetType('text');
    p.setValue(t.number);
    if (t.label) p.setParameter('type', phoneType(t.label));
    card.addProperty(p);
  }
  if (c.notes) card.addPropertyWithValue('note', c.notes);
  const groups = c.groups.map(groupName).filter((g): g is string => g !== undefined);
  if (groups.length) {
    const p = new ICAL.Property('categories', card);
    p.setValues(groups);
    card.addProperty(p);
  }
  return card.toString() + '\r\n';
}

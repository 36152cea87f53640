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
 * CATEGORIES (the groups), labels as TYPE or X-ABLabel; other properties
 * (ADR, ORG, BDAY, PHOTO, …) are not kept.
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
  const custom = customLabels(component);
  const labelOf = (p: ICAL.Property, fromTypes: (types: string[]) => string) => custom.get(groupOf(p)) ?? fromTypes(typesOf(p));
  const emails = component.getAllProperties('email').map((p) => ({ address: text(p).replace(/^mailto:/i, ''), label: labelOf(p, emailLabel) }));
  // vCard 4.0 writes numbers as tel: URIs (RFC 3966); the number is what follows.
  const phones = component.getAllProperties('tel').map((p) => ({ number: text(p).replace(/^tel:/i, ''), label: labelOf(p, phoneLabel) }));
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
/**
 * A label that is not a TYPE word travels the way Apple's and Google's
 * exports write it: the property in a group ("item1.EMAIL") and the label in
 * that group's X-ABLabel, Apple wrapping its own words as _$!<Home>!$_.
 */
function customLabels(component: ICAL.Component): Map<string, string> {
  const labels = new Map<string, string>();
  for (const p of component.getAllProperties('x-ablabel')) {
    const group = groupOf(p);
    const raw = String(p.getFirstValue() ?? '').trim();
    if (group) labels.set(group, word(/^_\$!<(.*)>!\$_$/.exec(raw)?.[1] ?? raw));
  }
  return labels;
}

function groupOf(p: ICAL.Property): string {
  return String(p.getParameter('group') ?? '').toLowerCase();
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

/** Labels written as TYPE (RFC 6350 §6.4.1-2 words; "cell" is what people call mobile); others go in X-ABLabel. */
const EMAIL_TYPES: Record<string, string> = { home: 'home', work: 'work' };
const PHONE_TYPES: Record<string, string> = { home: 'home', work: 'work', mobile: 'cell', fax: 'fax' };

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
  let items = 0;
  const label = (p: ICAL.Property, text: string, types: Record<string, string>) => {
    if (!text) return;
    if (types[text]) return p.setParameter('type', types[text]);
    const group = `item${++items}`;
    p.setParameter('group', group);
    const x = card.addPropertyWithValue('x-ablabel', text);
    x.setParameter('group', group);
  };
  for (const e of c.emails) {
    const p = new ICAL.Property('email', card);
    p.setValue(e.address);
    card.addProperty(p);
    label(p, e.label, EMAIL_TYPES);
  }
  for (const t of c.phones) {
    const p = new ICAL.Property('tel', card);
    // Free-form text, as people type numbers; 4.0 allows it with VALUE=text (RFC 6350 §6.4.1).
    if (version === '4.0') p.resetType('text');
    p.setValue(t.number);
    card.addProperty(p);
    label(p, t.label, PHONE_TYPES);
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

import Papa from 'papaparse';
import type { Contact } from '../../shared/contacts.js';
import { collect, type ParsedFile, type RawEntry, type Skip } from './import-types.js';

/**
 * CSV in and out, through papaparse (RFC 4180 quoting, delimiter guessing).
 *
 * Reading maps the header of the common exports: Google Contacts (old
 * "Name, E-mail 1 - Value, Group Membership" and new "First Name, Labels"
 * shapes, with " ::: " between several values in one cell), Outlook
 * ("E-mail Address", "E-mail 2 Address", "Mobile Phone", "Categories"),
 * Thunderbird ("Display Name", "Primary Email") and our own export, which is
 * Google's shape. Rows are reported by the file line they start on, which is
 * not the row number once a quoted field holds line breaks.
 */

type Role =
  | { kind: 'name' | 'given' | 'middle' | 'family' | 'nickname' | 'fileAs' | 'organization' | 'notes' | 'groups' }
  | { kind: 'email' | 'phone'; slot: string; part: 'value' | 'label'; label?: string };

const SIMPLE: Record<string, Role['kind']> = {
  name: 'name', displayname: 'name', fullname: 'name',
  firstname: 'given', givenname: 'given',
  middlename: 'middle', additionalname: 'middle',
  lastname: 'family', familyname: 'family', surname: 'family',
  nickname: 'nickname', fileas: 'fileAs',
  organizationname: 'organization', organization1name: 'organization', company: 'organization',
  notes: 'notes', note: 'notes',
  groups: 'groups', labels: 'groups', groupmembership: 'groups', categories: 'groups',
};

const OUTLOOK_PHONE: Record<string, string> = { mobile: 'mobile', home: 'home', business: 'work', work: 'work', primary: '', other: 'other', car: 'other', companymain: 'work' };

/** What a header cell means, compared without case, spaces or punctuation. */
function roleOf(header: string): Role | null {
  const h = header.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (h in SIMPLE) return { kind: SIMPLE[h]! } as Role;
  let m = /^e?mail(\d*)(?:value|address)?(\d*)$/.exec(h); // email, E-mail 1 - Value, E-mail 2 Address
  if (m) return { kind: 'email', slot: m[1] || m[2] || '1', part: 'value' };
  if ((m = /^e?mail(\d*)(?:type|label)$/.exec(h))) return { kind: 'email', slot: m[1] || '1', part: 'label' };
  if ((m = /^(primary|secondary|home|work|other)email$/.exec(h))) {
    return { kind: 'email', slot: h, part: 'value', label: ['home', 'work', 'other'].includes(m[1]!) ? m[1]! : '' };
  }
  if ((m = /^phone(\d*)(?:value|number)?$/.exec(h))) return { kind: 'phone', slot: m[1] || '1', part: 'value' };
  if ((m = /^phone(\d*)(?:type|label)$/.exec(h))) return { kind: 'phone', slot: m[1] || '1', part: 'label' };
  if ((m = /^(mobile|home|business|work|primary|other|car|companymain)(?:phone|number)(\d*)$/.exec(h))) {
    return { kind: 'phone', slot: h, part: 'value', label: OUTLOOK_PHONE[m[1]!]! };
  }
  if (/^(business|home|other)?fax(number)?$/.test(h)) return { kind: 'phone', slot: h, part: 'value', label: 'fax' };
  if (/^pager(number)?$/.test(h)) return { kind: 'phone', slot: h, part: 'value', label: 'other' };
  return null;
}

/** Several values in one cell: Google joins them with " ::: ". */
const many = (cell: string) => cell.split(':::').map((s) => s.trim()).filter(Boolean);

/** Our export protects cells from spreadsheet formulas with a leading quote; reading takes it off again. */
const unprotect = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/**
 * Google marks the primary value's label with "* "; Outlook's "E-mail Type"
 * holds the address type (SMTP, EX), not a label. Google's words ("Home",
 * "Mobile") become the editor's lower case; a custom label stays as written.
 */
function cleanLabel(label: string): string {
  const text = label.replace(/^\*\s*/, '').trim();
  if (/^(smtp|ex)$/i.test(text)) return '';
  const lower = text.toLowerCase();
  return ['home', 'work', 'other', 'mobile', 'fax'].includes(lower) ? lower : text;
}

/** Google's labels (groups) are joined with " ::: ", Outlook's categories with ";". Google's own start with "*". */
function groupNames(cell: string): string[] {
  return cell
    .split(cell.includes(':::') ? ':::' : ';')
    .map((g) => g.trim())
    .filter((g) => g !== '' && !g.startsWith('*'));
}

/**
 * The delimiter, from the header line: the one of , ; tab that occurs most
 * outside quotes (Excel writes ";" where "," is the decimal comma).
 * papaparse's own guess needs more columns and rows than a small file has.
 */
function delimiterOf(text: string): string {
  const header = text.replace(/^\s+/, '').split(/\r\n|\n|\r/, 1)[0]!.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Rows as entries or skipped lines, in file order, one at a time (see readVCards). */
export function* readCsv(text: string): Generator<RawEntry | Skip> {
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(m.index + m[0].length);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  // papaparse is quick; the rows are collected first, and mapped one by one below.
  const rows: Array<{ line: number; cells: string[]; quoteError: string | null }> = [];
  let cursor = 0;
  Papa.parse<string[]>(text, {
    delimiter: delimiterOf(text),
    step: (result) => {
      const line = lineAt(cursor);
      cursor = result.meta.cursor;
      if (result.data.length === 1 && result.data[0]!.trim() === '') return;
      rows.push({ line, cells: result.data, quoteError: result.errors.find((e) => e.type === 'Quotes')?.code ?? null });
    },
  });

  let header: Array<Role | null> | null = null;
  for (const { line, cells, quoteError } of rows) {
    if (quoteError) {
      yield { line, reason: quoteError === 'MissingQuotes' ? 'UNCLOSED_QUOTE' : 'UNPARSABLE' };
      continue;
    }
    if (!header) {
      header = cells.map(roleOf);
      if (!header.some((r) => r && ['name', 'given', 'family', 'email', 'organization', 'nickname'].includes(r.kind))) {
        yield { line, reason: 'UNKNOWN_COLUMNS' };
        return;
      }
      continue;
    }
    // A longer row is fine when the extra cells are empty (a trailing delimiter); a shorter one lost cells.
    if (cells.length < header.length || cells.slice(header.length).some((c) => c.trim() !== '')) {
      yield { line, reason: 'COLUMN_COUNT' };
      continue;
    }
    yield readRow(header, cells.map(unprotect), line);
  }
}

export function parseCsv(text: string): ParsedFile {
  return collect(readCsv(text));
}

function readRow(header: Array<Role | null>, row: string[], line: number): RawEntry {
  const simple: Partial<Record<Role['kind'], string>> = {};
  const slots = new Map<string, { kind: 'email' | 'phone'; values: string[]; label: string }>();
  header.forEach((role, i) => {
    const cell = (row[i] ?? '').trim();
    if (!role || cell === '') return;
    if (role.kind === 'email' || role.kind === 'phone') {
      const key = `${role.kind}:${role.slot}`;
      const slot = slots.get(key) ?? { kind: role.kind, values: [] as string[], label: role.label ?? '' };
      if (role.part === 'value') slot.values.push(...many(cell));
      else slot.label = cleanLabel(cell);
      slots.set(key, slot);
    } else {
      simple[role.kind] = simple[role.kind] ? `${simple[role.kind]} ${cell}` : cell;
    }
  });
  const parts = [simple.given, simple.middle, simple.family].filter(Boolean).join(' ');
  const name = simple.name ?? (parts || simple.nickname || simple.fileAs || simple.organization || '');
  const of = (kind: 'email' | 'phone') => [...slots.values()].filter((s) => s.kind === kind).flatMap((s) => s.values.map((value) => ({ value, label: s.label })));
  return {
    line,
    name,
    emails: of('email').map(({ value, label }) => ({ address: value, label })),
    phones: of('phone').map(({ value, label }) => ({ number: value, label })),
    notes: simple.notes ?? '',
    groupNames: groupNames(simple.groups ?? ''),
  };
}

/**
 * Google's "Formula injection" cells: a spreadsheet runs a cell that starts
 * with = + - @ (OWASP CSV injection). Such cells get a leading quote, except
 * phone-like ones ("+33 6 …"), which a spreadsheet reads as a number at worst.
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s()./-]*$))/;

/** Our CSV: Google's column names, so Google and most address books read it back. */
export function writeCsv(contacts: Contact[], groupName: (id: string) => string | undefined): string {
  const emails = Math.max(1, ...contacts.map((c) => c.emails.length));
  const phones = Math.max(1, ...contacts.map((c) => c.phones.length));
  const fields = ['Name'];
  for (let i = 1; i <= emails; i++) fields.push(`E-mail ${i} - Label`, `E-mail ${i} - Value`);
  for (let i = 1; i <= phones; i++) fields.push(`Phone ${i} - Label`, `Phone ${i} - Value`);
  fields.push('Notes', 'Groups');
  const data = contacts.map((c) => {
    const row = [c.name];
    for (let i = 0; i < emails; i++) row.push(c.emails[i]?.label ?? '', c.emails[i]?.address ?? '');
    for (let i = 0; i < phones; i++) row.push(c.phones[i]?.label ?? '', c.phones[i]?.number ?? '');
    row.push(c.notes, c.groups.map(groupName).filter((g): g is string => g !== undefined).join(' ::: '));
    return row;
  });
  // The BOM tells spreadsheets the file is UTF-8; CRLF is RFC 4180's line break.
  return '\uFEFF' + Papa.unparse({ fields, data }, { escapeFormulae: FORMULA, newline: '\r\n' }) + '\r\n';
}

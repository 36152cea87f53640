import type { Recipient } from '../../../shared/compose.js';
import { i18n } from '../i18n/index.js';

/**
 * Recipient parsing for the chip fields. The server validates again with a
 * full RFC 5322 parser; this one only has to split what people paste
 * ("A <a@x>, \"Doe, John\" <j@x>") and catch the obviously wrong, so the
 * person sees a red chip before pressing Send.
 */

export interface ParsedRecipient extends Recipient {
  /**
   * Null when the address looks deliverable; otherwise a sentence saying what
   * is wrong, in the language of the moment (the chip re-reads addressProblem
   * when it is drawn, so a language change re-words it).
   */
  problem: string | null;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point: a line break in an address could add a header
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Splits on commas, semicolons and line breaks outside quotes, angle brackets
 * and comments: a display name like "Doe, John" holds a comma (RFC 5322 §3.2.4).
 */
export function splitRecipientList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  let comment = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      current += ch;
      if (ch === '\\' && i + 1 < text.length) current += text[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (ch === '(') comment++;
    else if (ch === ')' && comment > 0) comment--;
    else if (!angle && comment === 0 && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      if (current.trim()) parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function unquote(name: string): string {
  const t = name.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** One "Name <addr>", "<addr>", "addr (Name)" or bare "addr". */
export function parseRecipient(raw: string): ParsedRecipient {
  const text = raw.replace(CONTROL, ' ').trim();
  let name = '';
  let address: string;
  const angle = /^(.*)<([^<>]*)>\s*$/s.exec(text);
  if (angle) {
    name = unquote(angle[1]!);
    address = angle[2]!.trim();
  } else {
    const comment = /^(\S+)\s*\(([^()]*)\)\s*$/.exec(text);
    if (comment) {
      address = comment[1]!;
      name = comment[2]!.trim();
    } else {
      address = text;
    }
  }
  address = address.replace(/^mailto:/i, '');
  name = name.replace(/\s+/g, ' ');
  return { name, address, problem: addressProblem(address) };
}

export function parseRecipientList(text: string): ParsedRecipient[] {
  return splitRecipientList(text).map(parseRecipient);
}

// Letters and digits of any script (IDN, RFC 5890), plus hyphens inside a label.
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
// An unquoted local part: anything printable but specials and spaces; UTF-8 allowed (RFC 6532 §3.2).
const LOCAL_ATOM = /^[^\s"(),:;<>@[\\\]]+$/u;
const QUOTED_LOCAL = /^"(?:[^"\\\r\n]|\\.)+"$/u;

/** Null for an address that looks valid, else a sentence (current language) for the chip's title. */
export function addressProblem(address: string): string | null {
  const say = (key: string) => i18n.t(`address.${key}`, { ns: 'compose', address, domain: address.slice(address.lastIndexOf('@') + 1) });
  if (address === '') return say('empty');
  if (/\s/.test(address) && !address.startsWith('"')) return say('space');
  const at = address.lastIndexOf('@');
  if (at < 0) return say('noAt');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return say('noLocal');
  if (domain === '') return say('noDomain');
  if (address.length > 320) return say('tooLong');
  if (QUOTED_LOCAL.test(local)) {
    // A quoted local part may hold anything printable (RFC 5321 §4.1.2).
  } else if (!LOCAL_ATOM.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return say('badLocal');
  }
  if (/^\[[^\]]+\]$/.test(domain)) return null; // a domain literal such as [192.0.2.1]
  const labels = domain.replace(/\.$/, '').split('.');
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return say('badDomain');
  return null;
}

/** How a recipient is written back into a field (quotes only where the name needs them). */
export function formatRecipient(r: Recipient): string {
  if (!r.name) return r.address;
  const name = /[",;<>@()[\]:\\.]/.test(r.name) ? `"${r.name.replace(/(["\\])/g, '\\$1')}"` : r.name;
  return `${name} <${r.address}>`;
}

/** Same mailbox whatever the case of the domain (local parts may be case-sensitive, RFC 5321 §2.4). */
export function sameAddress(a: string, b: string): boolean {
  const [la, da] = splitAt(a);
  const [lb, db] = splitAt(b);
  return la === lb && da.toLowerCase() === db.toLowerCase();
}

function splitAt(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return at < 0 ? [address, ''] : [address.slice(0, at), address.slice(at + 1)];
}

/**
 * What typing has finished: the parts before the last separator outside
 * quotes and brackets, and the rest still being typed. `"Doe, ` is not done.
 */
export function splitCompleted(text: string): { done: ParsedRecipient[]; rest: string } {
  let quoted = false;
  let angle = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (!angle && (ch === ',' || ch === ';' || ch === '\n')) last = i;
  }
  if (last < 0) return { done: [], rest: text };
  return { done: parseRecipientList(text.slice(0, last)), rest: text.slice(last + 1).trimStart() };
}

import type { FetchMessageObject, FetchQueryObject, ImapFlow } from 'imapflow';
import type { SortKey, SortOrder } from '../../shared/api.js';
import { rawCommand, type Token } from './raw.js';

/**
 * Server-side ordering of a whole mailbox by an RFC 5256 key, as UIDs in list
 * order (row 0 first). One round trip where the server sorts: plain SORT
 * answers a list of numbers (ESORT's compact `RETURN (ALL)`, RFC 5267, is
 * kept but not chosen; see `sortModeFor`); without SORT the key alone is
 * fetched for every message and sorted here with the same rules (see
 * `compareKeys`).
 *
 * imapflow has no SORT helper, so the command goes through its raw `exec`,
 * as PREVIEW does (previews.ts).
 */

/** The keys the server sorts on; arrival never reaches here (UID order needs no SORT). */
export type ServerSortKey = Exclude<SortKey, 'arrival'>;

const IMAP_KEY: Record<ServerSortKey, string> = { date: 'DATE', from: 'FROM', to: 'TO', subject: 'SUBJECT', size: 'SIZE' };

export type SortMode = 'esort' | 'sort' | 'fallback';


/**
 * Plain SORT wherever the server sorts, even when it offers ESORT: a sort
 * order by sender, subject or size is scattered across UIDs, so ESORT's
 * `ALL` is one 600 KB sequence-set atom on 100,000 messages, which imapflow's
 * tokenizer reads in quadratic time (two minutes of a blocked event loop,
 * measured here), while SORT's 100,000 short numbers parse in under a second.
 * The ESORT path stays for tests and for servers that might need it.
 */
export function sortModeFor(capabilities: Map<string, unknown> | Set<string>): SortMode {
  return capabilities.has('SORT') ? 'sort' : 'fallback';
}

/**
 * Expands a sequence set keeping its order, as ESORT returns it (RFC 5267
 * §3.2): "7,5:3,9" is 7,5,4,3,9. A descending range stays descending. Anything
 * but digits, ':' and ',' is refused, since the text came from the server.
 */
export function parseOrderedSequenceSet(set: string): Uint32Array {
  const text = set.trim();
  if (text === '') return new Uint32Array(0);
  if (!/^\d+(:\d+)?(,\d+(:\d+)?)*$/.test(text)) throw new Error(`Not a sequence set: ${JSON.stringify(set.slice(0, 80))}`);
  const parts = text.split(',').map((p) => p.split(':').map(Number) as [number, number?]);
  let n = 0;
  for (const [a, b = a] of parts) n += Math.abs(b - a) + 1;
  const out = new Uint32Array(n);
  let i = 0;
  for (const [a, b = a] of parts) {
    if (a <= b) for (let u = a; u <= b; u++) out[i++] = u;
    else for (let u = a; u >= b; u--) out[i++] = u;
  }
  return out;
}


function criteria(key: ServerSortKey, order: SortOrder): Token[] {
  const k: Token = { type: 'ATOM', value: IMAP_KEY[key] };
  return order === 'desc' ? [{ type: 'ATOM', value: 'REVERSE' }, k] : [k];
}

const TAIL: Token[] = [
  { type: 'ATOM', value: 'UTF-8' },
  { type: 'ATOM', value: 'ALL' },
];

/** `UID SORT RETURN (ALL) (...) UTF-8 ALL`: one `* ESEARCH (TAG ..) UID ALL <set>` line, in sort order. */
async function esort(client: ImapFlow, key: ServerSortKey, order: SortOrder): Promise<Uint32Array> {
  let all = '';
  await rawCommand(client, 'UID SORT', [{ type: 'ATOM', value: 'RETURN' }, [{ type: 'ATOM', value: 'ALL' }], criteria(key, order), ...TAIL], {
    ESEARCH: async (untagged) => {
      const attrs = (untagged.attributes ?? []) as Array<Token | Token[]>;
      for (let i = 0; i + 1 < attrs.length; i++) {
        const t = attrs[i] as Token;
        if (!Array.isArray(t) && String(t.value ?? '').toUpperCase() === 'ALL') all = String((attrs[i + 1] as Token).value ?? '');
      }
    },
  });
  return parseOrderedSequenceSet(all);
}

/** `UID SORT (...) UTF-8 ALL`: `* SORT 5 3 4`, possibly over several lines. */
async function plainSort(client: ImapFlow, key: ServerSortKey, order: SortOrder): Promise<Uint32Array> {
  const uids: number[] = [];
  await rawCommand(client, 'UID SORT', [criteria(key, order), ...TAIL], {
    SORT: async (untagged) => {
      for (const t of (untagged.attributes ?? []) as Token[]) {
        const n = Number(t?.value);
        if (Number.isInteger(n) && n > 0) uids.push(n);
      }
    },
  });
  return Uint32Array.from(uids);
}

// ---- Fallback: the key fetched, sorted here by RFC 5256's rules -------------

/** A message's sort key: a number (date, size) or a string (from, to, subject). */
export interface KeyedUid {
  uid: number;
  key: number | string;
}

/**
 * i;unicode-casemap, approximated (RFC 5051): compatibility-decomposed and
 * case-folded, then compared by code point, so "émile" and "Emile" differ
 * only by their accent and "Bob" equals "bob".
 */
export function casemap(s: string): string {
  return s.normalize('NFKD').toLowerCase().normalize('NFC');
}

/**
 * RFC 5256 §2.1 base subject: unfolded and trimmed, with "Re:", "Fw:",
 * "Fwd:" (optionally tagged "[list]") stripped from the front, "(fwd)"
 * from the end, "[Fwd: ...]" unwrapped, and a leading "[blob]" removed when
 * something is left after it; repeated until nothing more comes off.
 */
export function baseSubject(subject: string): string {
  let s = subject.replace(/[\t\r\n ]+/g, ' ').trim();
  for (;;) {
    const before = s;
    // (2) trailing "(fwd)" and whitespace
    for (let t = s.replace(/\s*\(fwd\)\s*$/i, '').trim(); t !== s; t = s.replace(/\s*\(fwd\)\s*$/i, '').trim()) s = t;
    // (3)/(4) leading subj-refwd and subj-blob
    for (;;) {
      const inner = s;
      const refwd = /^(?:re|fwd?)\s*(?:\[[^[\]]*\]\s*)*:\s*/i.exec(s);
      if (refwd) s = s.slice(refwd[0].length);
      const blob = /^\[[^[\]]*\]\s*/.exec(s);
      if (blob && s.length > blob[0].length) s = s.slice(blob[0].length);
      if (s === inner) break;
    }
    // (6) "[fwd: ...]" wrapper
    const fwd = /^\[fwd:\s*(.*)\]$/i.exec(s);
    if (fwd) s = fwd[1]!.trim();
    if (s === before) return s;
  }
}

/** RFC 5256's addr-mailbox: the local part of the first address, or "" when there is none. */
export function addrMailbox(address: string | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/**
 * Compares by key, then by UID ascending: RFC 5256 §3 orders exact matches by
 * their place in the mailbox, and REVERSE reverses only the key, so ties stay
 * ascending in either direction. Strings compare by code point after casemap
 * (done when the key was built).
 */
export function compareKeys(a: KeyedUid, b: KeyedUid, order: SortOrder): number {
  const d = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  if (d !== 0) return order === 'desc' ? -d : d;
  return a.uid - b.uid;
}

const FALLBACK_QUERY: Record<ServerSortKey, FetchQueryObject> = {
  date: { uid: true, envelope: true, internalDate: true },
  from: { uid: true, envelope: true },
  to: { uid: true, envelope: true },
  subject: { uid: true, envelope: true },
  size: { uid: true, size: true },
};

export function keyOf(msg: FetchMessageObject, key: ServerSortKey): number | string {
  const env = msg.envelope;
  switch (key) {
    case 'size':
      return msg.size ?? 0;
    case 'date': {
      // RFC 5256: the Date header, or INTERNALDATE when it is missing or unparsable.
      const sent = env?.date ? new Date(env.date).getTime() : NaN;
      if (Number.isFinite(sent)) return sent;
      const internal = msg.internalDate ? new Date(msg.internalDate).getTime() : NaN;
      return Number.isFinite(internal) ? internal : 0;
    }
    case 'from':
      return casemap(addrMailbox(env?.from?.[0]?.address));
    case 'to':
      return casemap(addrMailbox(env?.to?.[0]?.address));
    case 'subject':
      return casemap(baseSubject(env?.subject ?? ''));
  }
}

async function fallbackSort(client: ImapFlow, key: ServerSortKey, order: SortOrder): Promise<Uint32Array> {
  const keyed: KeyedUid[] = [];
  // Collected first, sorted after: no command runs inside the iteration (STYLE.md §2).
  for await (const msg of client.fetch('1:*', FALLBACK_QUERY[key], { uid: true })) keyed.push({ uid: msg.uid, key: keyOf(msg, key) });
  keyed.sort((a, b) => compareKeys(a, b, order));
  return Uint32Array.from(keyed, (k) => k.uid);
}

/** All UIDs of the selected mailbox in the given order; `mode` overrides what the capabilities allow (tests). */
export async function sortedUids(client: ImapFlow, key: ServerSortKey, order: SortOrder, mode: SortMode = sortModeFor(client.capabilities)): Promise<Uint32Array> {
  if (mode === 'esort') return esort(client, key, order);
  if (mode === 'sort') return plainSort(client, key, order);
  return fallbackSort(client, key, order);
}

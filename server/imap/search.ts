import type { ESearchResult, ImapFlow, SearchObject } from 'imapflow';
import { searchCompiler, type SearchAttribute } from 'imapflow/lib/search-compiler.js';
import { compressUids, expandUidSet } from '../../shared/uid-set.js';
import { AppError } from '../errors.js';
import { rawCommand, type Token } from './raw.js';

/** imapflow answers a failed SEARCH with `false`, not a throw; "no matches" must not be what that becomes. */
function refused(client: ImapFlow): never {
  if (!client.usable) throw new AppError('IMAP_UNAVAILABLE', 'The mail server is not answering.');
  throw new AppError('IMAP_ERROR', 'The mail server refused the search.');
}

/**
 * UID SEARCH answered as a compact UID set ("1:100000").
 *
 * Not with ESEARCH's `RETURN (ALL)` (RFC 4731), although it is made for
 * this: imapflow's tokenizer reads a sequence-set atom in time quadratic in
 * its length, so the scattered matches of a 100,000-message folder (a 600 KB
 * set) held the event loop for two minutes, and 33,000 matches for seven
 * seconds. `RETURN (MIN MAX COUNT)` instead tells in a few bytes when the
 * matches are one unbroken range, the usual answer for a whole folder whose
 * UIDs were never thinned; otherwise a plain SEARCH lists the numbers as
 * separate short atoms, which parse in linear time (0.6 s for 33,000).
 */
export async function searchUidSet(client: ImapFlow, query: SearchObject): Promise<string> {
  if (client.capabilities.has('ESEARCH')) {
    const summary = await client.search(query, { uid: true, returnOptions: ['min', 'max', 'count'] });
    if (summary === false) refused(client);
    const { count = 0, min, max } = summary as ESearchResult;
    if (count === 0) return '';
    if (min !== undefined && max !== undefined && max - min + 1 === count) return min === max ? String(min) : `${min}:${max}`;
  }
  const uids = await client.search(query, { uid: true });
  if (uids === false) refused(client);
  return compressUids(uids as number[]);
}

const NON_ASCII = /\P{ASCII}/u;

/**
 * imapflow's compiler sends every search value as an atom, or as a quoted
 * string when it is not one. A quoted string is 7-bit only (RFC 3501 §4.3,
 * §9 "QUOTED-CHAR"), so a value with non-ASCII characters ("Zoë") goes as a
 * literal instead, which carries any octets; the compiler has already put
 * `CHARSET UTF-8` in front (RFC 3501 §6.4.4). Dovecot takes 8-bit quoted
 * strings too, stricter servers do not.
 */
function withLiterals(attrs: SearchAttribute[]): SearchAttribute[] {
  return attrs.map((a) => {
    if (Array.isArray(a)) return withLiterals(a);
    const token = a as { type?: string; value?: unknown };
    if (token.type === 'ATOM' && typeof token.value === 'string' && NON_ASCII.test(token.value)) return { type: 'LITERAL', value: token.value } as SearchAttribute;
    return a;
  });
}

/** The attributes of `UID SEARCH` for a query, as they go on the wire (tests read them). */
export function searchAttributes(client: ImapFlow, query: SearchObject): SearchAttribute[] {
  return withLiterals(searchCompiler(client, query));
}

/**
 * The UIDs matching `query` in the selected mailbox, ascending. Unlike
 * imapflow's `search()`, which answers `false` for a refused command (so a
 * failure would read as "no matches"), a NO or BAD here throws, and the
 * caller's toAppError names it.
 *
 * Plain `UID SEARCH`, not ESEARCH: imapflow's parser grows a sequence-set
 * token one character at a time and re-reads it at each step, which is
 * quadratic in its length. A body search matching 87,000 scattered messages
 * of 100,000 answers `ALL` as a 120 KB set, seconds of parsing; the same
 * answer as a list of numbers parses in linear time.
 */
export async function searchUids(client: ImapFlow, query: SearchObject): Promise<Uint32Array> {
  const uids: number[] = [];
  const collect = async (untagged: { attributes?: unknown[] }) => {
    for (const t of (untagged.attributes ?? []) as Token[]) {
      const n = Number(t?.value);
      if (Number.isInteger(n) && n > 0) uids.push(n);
    }
  };
  // An IMAP4rev2 server answers even a plain SEARCH with ESEARCH (RFC 9051 §7.3.4).
  const esearch = async (untagged: { attributes?: unknown[] }) => {
    const tokens = (untagged.attributes ?? []) as Array<Token | Token[]>;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (!Array.isArray(t) && String(t.value ?? '').toUpperCase() === 'ALL') uids.push(...expandUidSet(String((tokens[i + 1] as Token).value ?? '')));
    }
  };
  await rawCommand(client, 'UID SEARCH', searchAttributes(client, query), { SEARCH: collect, ESEARCH: esearch });
  return expandUidSet(compressUids(uids));
}

import type { SearchObject } from 'imapflow';
import { SEARCH_FIELDS, type SearchCriteria } from '../../shared/search.js';
import { AppError } from '../errors.js';

/**
 * The search criteria of shared/search.ts as imapflow SearchObjects. Every
 * term goes to imapflow as a value, which its compiler sends as an atom or a
 * quoted string (search.ts turns non-ASCII ones into literals), never as
 * command text (RFC 3501 §4.3). All criteria are ANDed, as IMAP SEARCH keys are.
 */

const TEXT_FIELDS = ['text', 'from', 'to', 'subject', 'body'] as const;

/**
 * NUL is not an IMAP character at all (RFC 3501 §9 "CHAR8"), and CR or LF
 * cannot be in a quoted string: imapflow refuses to compile such a value, and
 * its `search()` then answers "no matches" as if the mailbox had none. A
 * literal could carry CR/LF, but servers match a term within one unfolded
 * header or one body line, so it could never match what the person meant.
 * A search box cannot produce them; a request that does gets a clear error.
 */
const UNSENDABLE = /[\0\r\n]/;

/** Throws VALIDATION_FAILED naming the first term that cannot be sent. */
export function assertSendable(c: Partial<SearchCriteria>): void {
  for (const field of TEXT_FIELDS) {
    const value = c[field];
    if (value !== undefined && UNSENDABLE.test(value)) {
      throw new AppError('VALIDATION_FAILED', `${field}: a search term cannot contain line breaks or NUL characters.`, { field });
    }
  }
}

/**
 * The messages that may have an attachment, by their top-level headers: all
 * but single-part text/plain or text/html without a file name or an
 * attachment disposition. A superset of what the list's paperclip shows
 * (mime/structure.ts hasAttachments), narrowed by BODYSTRUCTURE in
 * search-matches.ts: IMAP has no "has attachment" key. The "multipart" test
 * keeps multipart/related, whose `type="text/html"` parameter would
 * otherwise read as a text body.
 */
export const NO_ATTACHMENT_HEADERS: SearchObject = {
  or: [{ header: { 'Content-Type': 'text/plain' } }, { header: { 'Content-Type': 'text/html' } }],
  not: {
    or: [
      { header: { 'Content-Type': 'multipart' } },
      { header: { 'Content-Type': 'name' } },
      { header: { 'Content-Disposition': 'attachment' } },
      { header: { 'Content-Disposition': 'name' } },
    ],
  },
};
export const ATTACHMENT_CANDIDATES: SearchObject = { not: NO_ATTACHMENT_HEADERS };

/** What the message is: words, addresses, dates, size. Never changes for a UID, so its matches can be kept. */
export function contentQuery(c: Partial<SearchCriteria>): SearchObject | null {
  assertSendable(c);
  const q: SearchObject = {};
  if (c.text !== undefined) q.or = [{ from: c.text }, { to: c.text }, { subject: c.text }, { body: c.text }];
  if (c.from !== undefined) q.from = c.from;
  if (c.to !== undefined) q.to = c.to;
  if (c.subject !== undefined) q.subject = c.subject;
  if (c.body !== undefined) q.body = c.body;
  // The Date header's day (SENTSINCE/SENTBEFORE), which is what the list shows, not the arrival day.
  if (c.since !== undefined) q.sentSince = c.since;
  if (c.before !== undefined) q.sentBefore = c.before;
  // imapflow drops a zero size (a falsy value): LARGER 0 is every message anyway; SMALLER 0 is
  // none, which search-matches.ts answers without asking (and toSearchObject spells as NOT ALL).
  if (c.larger !== undefined && c.larger > 0) q.larger = c.larger;
  if (c.smaller !== undefined && c.smaller > 0) q.smaller = c.smaller;
  return Object.keys(q).length === 0 ? null : q;
}

/** What the reader did with it (flags): changes with MODSEQ, so its matches are kept only per HIGHESTMODSEQ. */
export function stateQuery(c: Partial<SearchCriteria>): SearchObject | null {
  const q: SearchObject = {};
  if (c.unread !== undefined) q.seen = !c.unread;
  if (c.flagged !== undefined) q.flagged = c.flagged;
  return Object.keys(q).length === 0 ? null : q;
}

/** True when no message can match, whatever the mailbox holds. */
export function matchesNothing(c: Partial<SearchCriteria>): boolean {
  return c.smaller === 0 || (c.larger !== undefined && c.smaller !== undefined && c.smaller <= c.larger + 1);
}

/** A stable text of the criteria, for cache keys. */
export function criteriaKey(c: Partial<SearchCriteria>): string {
  return JSON.stringify(SEARCH_FIELDS.map((k) => c[k] ?? null));
}

/**
 * All criteria as one SearchObject, for one UID SEARCH (bulk actions on "all
 * matches" use it). `attachment` is the Content-Type candidates here: the
 * exact set, as the list shows it, is search-matches.ts `matchingUids`.
 */
export function toSearchObject(c: Partial<SearchCriteria>): SearchObject {
  const q: SearchObject = { ...contentQuery(c), ...stateQuery(c) };
  // Every extra condition is a negation (`text` may hold the one `or` key): NOT NOT x is x.
  const none: SearchObject[] = [];
  if (c.attachment === true) none.push(NO_ATTACHMENT_HEADERS);
  if (c.attachment === false) none.push(ATTACHMENT_CANDIDATES);
  if (c.smaller === 0) none.push({ all: true });
  // NOT (a OR b) is NOT a AND NOT b; one `not` key per object.
  if (none.length > 0) q.not = none.length === 1 ? none[0]! : { or: none };
  if (Object.keys(q).length === 0) q.all = true;
  return q;
}

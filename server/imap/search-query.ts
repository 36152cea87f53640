import type { SearchObject } from 'imapflow';
import type { SearchCriteria } from '../../shared/search.js';

/**
 * The search criteria of shared/search.ts as an imapflow SearchObject. Every
 * term goes to imapflow as a value, which its compiler sends as a quoted
 * string or a literal (RFC 3501 §4.3): nothing a user types becomes command
 * text. All criteria are ANDed, as IMAP SEARCH keys are.
 *
 * `attachment` is narrowed by the Content-Type header here (IMAP has no
 * attachment key); search.ts may refine it by BODYSTRUCTURE.
 */
export function toSearchObject(c: Partial<SearchCriteria>): SearchObject {
  const q: SearchObject = {};
  if (c.text !== undefined) q.or = [{ from: c.text }, { to: c.text }, { subject: c.text }, { body: c.text }];
  if (c.from !== undefined) q.from = c.from;
  if (c.to !== undefined) q.to = c.to;
  if (c.subject !== undefined) q.subject = c.subject;
  if (c.body !== undefined) q.body = c.body;
  // The Date header's day (SENTSINCE/SENTBEFORE), which is what the list shows, not the arrival day.
  if (c.since !== undefined) q.sentSince = c.since;
  if (c.before !== undefined) q.sentBefore = c.before;
  if (c.unread !== undefined) q.seen = !c.unread;
  if (c.flagged !== undefined) q.flagged = c.flagged;
  if (c.larger !== undefined) q.larger = c.larger;
  if (c.smaller !== undefined) q.smaller = c.smaller;
  if (c.attachment === true) q.header = { 'Content-Type': 'multipart/mixed' };
  if (c.attachment === false) q.not = { header: { 'Content-Type': 'multipart/mixed' } };
  if (Object.keys(q).length === 0) q.all = true;
  return q;
}

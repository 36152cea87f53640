import type { TFunction } from 'i18next';
import { formatSize } from '../../mail/format.js';
import type { Criteria } from '../../mail/searchParams.js';

/** A day of the search (YYYY-MM-DD) in the reader's words: the calendar day itself, whatever their time zone. */
function formatDay(day: string, locale?: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * The criteria as the phrase after "N results for": “invoice”, from “ana”,
 * unread, larger than 1.0 MB. Ordered as the form lists them.
 */
export function describeCriteria(c: Criteria, t: TFunction<'search'>, locale?: string): string {
  const parts: string[] = [];
  if (c.text) parts.push(t('describe.text', { value: c.text }));
  if (c.from) parts.push(t('describe.from', { value: c.from }));
  if (c.to) parts.push(t('describe.to', { value: c.to }));
  if (c.subject) parts.push(t('describe.subject', { value: c.subject }));
  if (c.body) parts.push(t('describe.body', { value: c.body }));
  if (c.since) parts.push(t('describe.since', { value: formatDay(c.since, locale) }));
  if (c.before) parts.push(t('describe.before', { value: formatDay(c.before, locale) }));
  if (c.attachment !== undefined) parts.push(t(c.attachment ? 'describe.attachment' : 'describe.noAttachment'));
  if (c.unread !== undefined) parts.push(t(c.unread ? 'describe.unread' : 'describe.read'));
  if (c.flagged !== undefined) parts.push(t(c.flagged ? 'describe.flagged' : 'describe.unflagged'));
  if (c.larger !== undefined) parts.push(t('describe.larger', { value: formatSize(c.larger) }));
  if (c.smaller !== undefined) parts.push(t('describe.smaller', { value: formatSize(c.smaller) }));
  return new Intl.ListFormat(locale, { style: 'short', type: 'unit' }).format(parts);
}

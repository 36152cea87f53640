import { describe, expect, it } from 'vitest';
import { messageListQuerySchema } from './api.js';
import { criteriaToQuery, isSearch, pickCriteria, SEARCH_TEXT_MAX, searchAllEventSchema, searchAllQuerySchema, searchCriteriaSchema } from './search.js';

const list = (query: Record<string, string>) => messageListQuerySchema.safeParse({ mailbox: 'INBOX', ...query });
const fieldOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => r.error?.issues[0]?.path.join('.');

describe('search criteria in a list query', () => {
  it('a plain list query has no criteria and is not a search', () => {
    const q = list({}).data!;
    expect(pickCriteria(q)).toEqual({});
    expect(isSearch(pickCriteria(q))).toBe(false);
  });

  it('reads terms trimmed, and an empty term as no condition', () => {
    const q = list({ text: '  budget  ', from: '   ', subject: '' }).data!;
    expect(pickCriteria(q)).toEqual({ text: 'budget' });
    expect(isSearch(pickCriteria(q))).toBe(true);
  });

  it('reads flags as 1/0/true/false and nothing else', () => {
    expect(pickCriteria(list({ unread: '1', flagged: 'false', attachment: 'true' }).data!)).toEqual({ unread: true, flagged: false, attachment: true });
    for (const bad of ['yes', 'on', '2', '']) expect(fieldOf(list({ unread: bad }))).toBe('unread');
  });

  it('reads days as YYYY-MM-DD real dates', () => {
    expect(pickCriteria(list({ since: '2024-02-29', before: '2025-01-01' }).data!)).toEqual({ since: '2024-02-29', before: '2025-01-01' });
    for (const bad of ['2024-13-01', '2024-1-1', 'yesterday', '2024-01-01T00:00:00Z', '01-Jan-2024']) expect(fieldOf(list({ since: bad }))).toBe('since');
  });

  it('reads sizes as whole non-negative byte counts', () => {
    expect(pickCriteria(list({ larger: '1048576', smaller: '0' }).data!)).toEqual({ larger: 1048576, smaller: 0 });
    for (const bad of ['-1', '1.5', 'big', '1e400']) expect(fieldOf(list({ larger: bad }))).toBe('larger');
  });

  it('caps a term at SEARCH_TEXT_MAX characters', () => {
    expect(list({ body: 'x'.repeat(SEARCH_TEXT_MAX) }).success).toBe(true);
    expect(fieldOf(list({ body: 'x'.repeat(SEARCH_TEXT_MAX + 1) }))).toBe('body');
  });

  it('still refuses a sort key or order that is not allowed alongside criteria', () => {
    expect(fieldOf(list({ text: 'x', sort: 'cc' }))).toBe('sort');
    expect(fieldOf(list({ text: 'x', order: 'up' }))).toBe('order');
  });

  it('criteriaToQuery writes what the schema reads back', () => {
    const c = { text: 'Zoë "x"', since: '2024-01-01', unread: true, flagged: false, attachment: true, larger: 10, smaller: 0 } as const;
    const q = criteriaToQuery(c);
    expect(q).toEqual({ text: 'Zoë "x"', since: '2024-01-01', unread: '1', flagged: '0', attachment: '1', larger: '10', smaller: '0' });
    expect(searchCriteriaSchema.parse(q)).toEqual(c);
  });
});

describe('search across folders', () => {
  it('sends 20 rows per folder unless asked, at most 200', () => {
    expect(searchAllQuerySchema.parse({ text: 'x' }).perMailbox).toBe(20);
    expect(searchAllQuerySchema.parse({ text: 'x', perMailbox: '200' }).perMailbox).toBe(200);
    expect(searchAllQuerySchema.safeParse({ text: 'x', perMailbox: '201' }).success).toBe(false);
    expect(searchAllQuerySchema.safeParse({ text: 'x', perMailbox: '0' }).success).toBe(false);
  });

  it('events are a closed set', () => {
    expect(searchAllEventSchema.safeParse({ type: 'start', mailboxes: 3 }).success).toBe(true);
    expect(searchAllEventSchema.safeParse({ type: 'mailboxError', path: 'Junk', code: 'IMAP_ERROR', message: 'x' }).success).toBe(true);
    expect(searchAllEventSchema.safeParse({ type: 'progress', done: 1 }).success).toBe(false);
  });
});

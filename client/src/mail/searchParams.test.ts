import { describe, expect, it } from 'vitest';
import { formatCriteria, parseCriteria } from './searchParams.js';

describe('search criteria in the URL', () => {
  it('round-trips every field, in a fixed order', () => {
    const c = { text: 'a & b', from: 'Zoë', to: 'x@y', subject: '{5} "q"', body: 'c:\\temp', since: '2024-01-01', before: '2024-02-01', attachment: true, unread: false, flagged: true, larger: 1024, smaller: 0 };
    const text = formatCriteria(c);
    expect(text.startsWith('text=a+%26+b&from=Zo%C3%AB&to=')).toBe(true);
    expect(parseCriteria(text)).toEqual(c);
    expect(formatCriteria({ unread: true, text: 'x' })).toBe(formatCriteria({ text: 'x', unread: true }));
  });

  it('drops a field that does not parse, and is no search when nothing is left', () => {
    expect(parseCriteria('text=x&since=someday&larger=-1&unread=maybe')).toEqual({ text: 'x' });
    expect(parseCriteria('since=someday')).toBeNull();
    expect(parseCriteria('text=%20%20')).toBeNull();
    expect(parseCriteria('mailbox=INBOX&sort=date')).toBeNull();
  });
});

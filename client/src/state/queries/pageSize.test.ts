import { describe, expect, it } from 'vitest';
import type { MessagePage, MessageSummary } from '../../../../shared/mail.js';
import { messageKeys, pageFits, PAGE_SIZE } from './messages.js';

function page(offset: number, count: number, total: number): MessagePage {
  const items = Array.from({ length: count }, (_, i): MessageSummary => ({
    uid: total - offset - i, from: null, to: [], subject: '', date: '2024-01-01T00:00:00Z', size: 1, flags: [], hasAttachments: false, spam: false, preview: null,
  }));
  return { path: 'INBOX', uidValidity: '1', total, offset, items };
}

describe('pages of the user’s size', () => {
  it('key another size apart, under the same prefix, so push invalidation still reaches them', () => {
    expect(messageKeys.page('INBOX', 2)).toEqual(['messages', 'INBOX', 'page', 2]);
    expect(messageKeys.page('INBOX', 2, PAGE_SIZE)).toEqual(['messages', 'INBOX', 'page', 2]);
    expect(messageKeys.page('INBOX', 2, 100)).toEqual(['messages', 'INBOX', 'page', 2, 100]);
    expect(messageKeys.page('INBOX', 2, 100).slice(0, 4)).toEqual(messageKeys.page('INBOX', 2));
  });

  it('use a saved copy only when it starts at the page’s first row and fits in it', () => {
    expect(pageFits(page(100, 100, 500), 1, 100)).toBe(true);
    // Page 1 at 50 rows starts at row 50, not 100.
    expect(pageFits(page(50, 50, 500), 1, 100)).toBe(false);
    // Page 0 at 100 rows would put rows 50–99 of page 1 in the wrong places at 50 a page.
    expect(pageFits(page(0, 100, 500), 0, 50)).toBe(false);
    // Fewer rows are fine: a message moved away offline, or a page saved at a smaller size (the rest wait for the network).
    expect(pageFits(page(0, 49, 499), 0, 50)).toBe(true);
    expect(pageFits(page(0, 50, 500), 0, 100)).toBe(true);
  });
});

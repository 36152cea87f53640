import { describe, expect, it } from 'vitest';
import type { SearchAllEvent } from '../../../../shared/search.js';
import { applySearchEvent, EMPTY_SEARCH } from './search.js';

const row = (uid: number) => ({ uid, from: null, to: [], subject: `m${uid}`, date: '2025-01-01T00:00:00.000Z', size: 1, flags: [], hasAttachments: false, spam: false, preview: null });

describe('the search across folders as its lines arrive', () => {
  it('adds each folder as it answers and totals the matches', () => {
    const events: SearchAllEvent[] = [
      { type: 'start', mailboxes: 3 },
      { type: 'mailbox', path: 'INBOX', uidValidity: '1', total: 12, items: [row(9), row(4)] },
      { type: 'mailboxError', path: 'Junk', code: 'IMAP_UNAVAILABLE', message: 'x' },
    ];
    const partial = events.reduce(applySearchEvent, EMPTY_SEARCH);
    expect(partial).toMatchObject({ folders: 3, total: 12, done: false });
    expect(partial.results.map((r) => r.path)).toEqual(['INBOX', 'Junk']);
    expect(partial.results[1]).toEqual({ path: 'Junk', error: { code: 'IMAP_UNAVAILABLE', message: 'x' } });
    const done = [{ type: 'mailbox', path: 'Work', uidValidity: '2', total: 0, items: [] } as SearchAllEvent, { type: 'done', searched: 2, failed: 1, total: 12 } as SearchAllEvent].reduce(applySearchEvent, partial);
    expect(done).toMatchObject({ folders: 3, total: 12, done: true });
    expect(done.results).toHaveLength(3);
    expect(EMPTY_SEARCH.results).toEqual([]);
  });
});

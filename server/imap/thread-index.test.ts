import { describe, expect, it } from 'vitest';
import { ThreadIndex, threadMethodFor } from './thread-index.js';

// (1 (4)(9)) (2) ((3)(7)) (5 6): newest activity is the highest member UID.
const flat = { uids: [1, 4, 9, 2, 3, 7, 5, 6], depths: [0, 1, 1, 0, 0, 0, 0, 1], starts: [0, 3, 4, 6] };

describe('ThreadIndex', () => {
  const index = new ThreadIndex('1:10:8', 'refs', flat);

  it('orders threads by their latest member, newest first, members kept in thread order', () => {
    expect(index.size).toBe(4);
    expect(index.slice(0, 10)).toEqual([
      { uids: [1, 4, 9], depths: [0, 1, 1] },
      { uids: [3, 7], depths: [0, 0] },
      { uids: [5, 6], depths: [0, 1] },
      { uids: [2], depths: [0] },
    ]);
  });

  it('pages by thread index', () => {
    expect(index.slice(1, 2).map((t) => t.uids)).toEqual([[3, 7], [5, 6]]);
    expect(index.slice(3, 50).map((t) => t.uids)).toEqual([[2]]);
    expect(index.slice(4, 50)).toEqual([]);
  });

  it('finds the thread of any member', () => {
    expect([1, 4, 9, 3, 7, 5, 6, 2].map((uid) => index.placeOf(uid))).toEqual([0, 0, 0, 1, 1, 2, 2, 3]);
    expect(index.placeOf(8)).toBe(-1);
  });

  it('is empty for an empty mailbox', () => {
    const empty = new ThreadIndex('1:1:0', 'jwz', { uids: [], depths: [], starts: [] });
    expect(empty.size).toBe(0);
    expect(empty.slice(0, 50)).toEqual([]);
    expect(empty.placeOf(1)).toBe(-1);
  });
});

describe('threadMethodFor', () => {
  it('prefers REFS, then REFERENCES, then threading here', () => {
    expect(threadMethodFor(new Set(['THREAD=REFERENCES', 'THREAD=REFS']))).toBe('refs');
    expect(threadMethodFor(new Set(['THREAD=REFERENCES', 'THREAD=ORDEREDSUBJECT']))).toBe('references');
    expect(threadMethodFor(new Set(['THREAD=ORDEREDSUBJECT']))).toBe('jwz');
    expect(threadMethodFor(new Set())).toBe('jwz');
  });
});

import { describe, expect, it } from 'vitest';
import { positionOf, rowAt, rowCount, threadRange } from './threadRows.js';

// 10 threads; thread 2 open with 3 members, thread 5 with 2.
const expanded = [
  { thread: 5, members: 2 },
  { thread: 2, members: 3 },
];

describe('thread rows', () => {
  it('counts a row per thread plus the members of the open ones', () => {
    expect(rowCount(10, [])).toBe(10);
    expect(rowCount(10, expanded)).toBe(15);
    // An expansion past the end (the list shrank) opens nothing.
    expect(rowCount(4, expanded)).toBe(7);
  });

  it('maps every row to its thread or member, in order', () => {
    const rows = Array.from({ length: rowCount(10, expanded) }, (_, p) => rowAt(p, 10, expanded));
    expect(rows).toEqual([
      { kind: 'thread', thread: 0 },
      { kind: 'thread', thread: 1 },
      { kind: 'thread', thread: 2 },
      { kind: 'member', thread: 2, member: 0 },
      { kind: 'member', thread: 2, member: 1 },
      { kind: 'member', thread: 2, member: 2 },
      { kind: 'thread', thread: 3 },
      { kind: 'thread', thread: 4 },
      { kind: 'thread', thread: 5 },
      { kind: 'member', thread: 5, member: 0 },
      { kind: 'member', thread: 5, member: 1 },
      { kind: 'thread', thread: 6 },
      { kind: 'thread', thread: 7 },
      { kind: 'thread', thread: 8 },
      { kind: 'thread', thread: 9 },
    ]);
  });

  it('finds the row of a thread, and the threads a range of rows covers', () => {
    expect([0, 2, 3, 5, 6, 9].map((t) => positionOf(t, 10, expanded))).toEqual([0, 2, 6, 8, 11, 14]);
    expect(threadRange(3, 9, 10, expanded)).toEqual([2, 5]);
    expect(threadRange(0, 0, 10, [])).toEqual([0, 0]);
  });
});

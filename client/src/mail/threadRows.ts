/**
 * The rows of the thread view: one per thread, and under each expanded thread
 * one per member. Threads are addressed by their index in the server's order
 * (newest activity first), so the list pages threads exactly as the plain
 * list pages messages; the few expanded threads shift the rows below them.
 */

/** An expanded thread: its index in the thread order and how many member rows it opens. */
export interface Expanded {
  thread: number;
  members: number;
}

export type RowRef = { kind: 'thread'; thread: number } | { kind: 'member'; thread: number; member: number };

function sorted(expanded: readonly Expanded[], threads: number): Expanded[] {
  return expanded.filter((e) => e.thread < threads && e.members > 0).sort((a, b) => a.thread - b.thread);
}

export function rowCount(threads: number, expanded: readonly Expanded[]): number {
  return threads + sorted(expanded, threads).reduce((n, e) => n + e.members, 0);
}

/** What the row at `position` shows. */
export function rowAt(position: number, threads: number, expanded: readonly Expanded[]): RowRef {
  let shift = 0;
  for (const e of sorted(expanded, threads)) {
    const header = e.thread + shift;
    if (position <= header) break;
    if (position <= header + e.members) return { kind: 'member', thread: e.thread, member: position - header - 1 };
    shift += e.members;
  }
  return { kind: 'thread', thread: position - shift };
}

/** The row of a thread's own line. */
export function positionOf(thread: number, threads: number, expanded: readonly Expanded[]): number {
  return thread + sorted(expanded, threads).reduce((n, e) => (e.thread < thread ? n + e.members : n), 0);
}

/** The thread indexes a range of rows touches, first to last. */
export function threadRange(first: number, last: number, threads: number, expanded: readonly Expanded[]): [number, number] {
  return [rowAt(first, threads, expanded).thread, rowAt(last, threads, expanded).thread];
}

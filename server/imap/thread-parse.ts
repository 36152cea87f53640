import type { Token } from './raw.js';

/**
 * Threads in a flat, compact form: every member's UID in thread order (depth
 * first, as RFC 5256 §4 lists them), its nesting depth, and where each thread
 * starts. A 100,000-message mailbox is three typed arrays, not 100,000 objects.
 */
export interface FlatThreads {
  uids: number[];
  depths: number[];
  /** Index in `uids` of each thread's first member; a thread ends where the next starts. */
  starts: number[];
}

export function emptyThreads(): FlatThreads {
  return { uids: [], depths: [], starts: [] };
}

function uidOf(token: Token): number {
  const text = String(token?.value ?? '');
  const n = Number(text);
  // nz-number (RFC 3501 §9): the answer came from the server, so it is checked, not trusted.
  if (!/^\d{1,10}$/.test(text) || !Number.isInteger(n) || n < 1 || n > 0xffffffff) {
    throw new Error(`THREAD answer holds ${JSON.stringify(text.slice(0, 20))} where a UID belongs`);
  }
  return n;
}

/**
 * Reads the untagged `* THREAD` answer, as imapflow's parser gives it: one
 * array per thread-list (RFC 5256 §4):
 *
 *   thread-list    = "(" (thread-members / thread-nested) ")"
 *   thread-members = nz-number *(SP nz-number) [SP thread-nested]
 *   thread-nested  = 2*thread-list
 *
 * "(3 6 (4 23)(44 7 96))" is 3, its child 6, whose children are 4 (with 23
 * below it) and 44 (with 7, then 96). A list that opens with a nested list,
 * "((3)(5))", has no message at its head: the parent is missing from the
 * mailbox, so its children stand at the depth it would have had.
 *
 * Walked with an explicit stack: a long chain is flat in the answer but a
 * hostile server could still nest deeply.
 */
export function parseThreadResponse(attributes: readonly unknown[]): FlatThreads {
  const out = emptyThreads();
  for (const thread of attributes) {
    if (!Array.isArray(thread)) throw new Error('THREAD answer holds something other than a thread list');
    const start = out.uids.length;
    // Each frame: a thread-list and the depth its first member stands at.
    const stack: Array<{ list: unknown[]; depth: number }> = [{ list: thread, depth: 0 }];
    while (stack.length > 0) {
      const { list, depth } = stack.pop()!;
      let d = depth;
      const nested: unknown[][] = [];
      for (const item of list) {
        if (Array.isArray(item)) {
          nested.push(item);
        } else {
          if (nested.length > 0) throw new Error('THREAD answer has a UID after a nested list');
          out.uids.push(uidOf(item as Token));
          out.depths.push(d);
          d += 1;
        }
      }
      // Children of the last member (or of the missing head) come next, first one first.
      for (let i = nested.length - 1; i >= 0; i--) stack.push({ list: nested[i]!, depth: d });
    }
    if (out.uids.length > start) out.starts.push(start);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { isReplyOrForward, jwzThreads, messageIds, referencesOf, type ThreadInput } from './jwz.js';

const day = (n: number) => Date.UTC(2024, 0, n, 12);

function msg(uid: number, messageId: string | null, subject: string, refs: string[] = [], date = day(uid)): ThreadInput {
  return { uid, messageId, references: refs, subject, date };
}

/** Threads as arrays of [uid, depth], in output order: easy to read against a drawing. */
function threads(input: ThreadInput[]): Array<Array<[number, number]>> {
  const flat = jwzThreads(input);
  return flat.starts.map((start, t) => {
    const end = flat.starts[t + 1] ?? flat.uids.length;
    return flat.uids.slice(start, end).map((uid, i) => [uid, flat.depths[start + i]!] as [number, number]);
  });
}

describe('JWZ / RFC 5256 REFERENCES threading', () => {
  it('threads the fixture the integration test gives Dovecot, with the same answer as its THREAD=REFERENCES', () => {
    const input = [
      msg(1, '<a@x>', 'Plans'),
      msg(2, '<b@x>', 'Re: Plans', ['<a@x>']),
      msg(3, '<c@x>', 'Re: Plans', ['<a@x>', '<b@x>']),
      msg(4, '<d@x>', 'Lunch?', ['<gone@x>']),
      msg(5, '<e@x>', 'Re: Lunch?', ['<gone@x>']),
      msg(6, '<f@x>', 'Unrelated'),
      msg(7, '<g@x>', 'Re: Plans'), // no references: joins by subject (step 5)
      msg(8, '<h@x>', 'Re: Plans', ['<c@x>']), // truncated References: still below c
      msg(9, '<i@x>', 'Re: Plans', ['<a@x>']),
    ];
    // As Dovecot answered: (1 (2 3 8)(7)(9))((4)(5))(6)
    expect(threads(input)).toEqual([
      [[1, 0], [2, 1], [3, 2], [8, 3], [7, 1], [9, 1]],
      [[4, 0], [5, 0]],
      [[6, 0]],
    ]);
  });

  it('orders siblings by sent date, ties by UID, whatever the arrival order', () => {
    const input = [msg(1, '<r@x>', 'Root', [], day(1)), msg(2, '<s1@x>', 'Re: Root', ['<r@x>'], day(9)), msg(3, '<s2@x>', 'Re: Root', ['<r@x>'], day(5)), msg(4, '<s3@x>', 'Re: Root', ['<r@x>'], day(5))];
    expect(threads(input)).toEqual([[[1, 0], [3, 1], [4, 1], [2, 1]]]);
  });

  it('a reply that arrives before its parent still ends up below it', () => {
    expect(threads([msg(1, '<child@x>', 'Re: Q', ['<parent@x>'], day(2)), msg(2, '<parent@x>', 'Q', [], day(1))])).toEqual([[[2, 0], [1, 1]]]);
  });

  it('keeps a missing parent with one child out of the way (step 3)', () => {
    expect(threads([msg(1, '<only@x>', 'Re: Old', ['<gone1@x>', '<gone2@x>'])])).toEqual([[[1, 0]]]);
  });

  it('survives References that loop, and a message that names itself', () => {
    const input = [msg(1, '<a@x>', 'A', ['<b@x>']), msg(2, '<b@x>', 'B', ['<a@x>']), msg(3, '<c@x>', 'C', ['<c@x>'])];
    const out = threads(input);
    expect(out.flat().map(([uid]) => uid).sort()).toEqual([1, 2, 3]);
    expect(out).toContainEqual([[3, 0]]);
  });

  it('gives a repeated or missing Message-ID a thread of its own', () => {
    const input = [msg(1, '<same@x>', 'One'), msg(2, '<same@x>', 'Two'), msg(3, null, 'Three'), msg(4, '<r@x>', 'Re: One', ['<same@x>'])];
    expect(threads(input)).toEqual([[[1, 0], [4, 1]], [[2, 0]], [[3, 0]]]);
  });

  it('gathers two unrelated messages with one subject under a missing parent (step 5)', () => {
    const input = [msg(1, '<p@x>', 'Party'), msg(2, '<q@x>', '[club] Party')];
    expect(threads(input)).toEqual([[[1, 0], [2, 0]]]);
  });

  it('does not gather messages without a subject', () => {
    expect(threads([msg(1, '<p@x>', ''), msg(2, '<q@x>', '  ')])).toHaveLength(2);
  });

  it('handles an empty mailbox', () => {
    expect(jwzThreads([])).toEqual({ uids: [], depths: [], starts: [] });
  });

  it('threads a long chain without overflowing the stack', () => {
    const input = Array.from({ length: 20_000 }, (_, i) => msg(i + 1, `<m${i}@x>`, 'Re: chain', i ? [`<m${i - 1}@x>`] : [], i));
    const flat = jwzThreads(input);
    expect(flat.starts).toEqual([0]);
    expect(flat.depths[19_999]).toBe(19_999);
  });
});

describe('header helpers', () => {
  it('reads message IDs in order, ignoring the rest', () => {
    expect(messageIds('<a@x> (comment)\r\n <b@y>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(null)).toEqual([]);
  });
  it('uses In-Reply-To only when References has no ID (RFC 5256 §3)', () => {
    expect(referencesOf('<a@x> <b@x>', '<c@x>')).toEqual(['<a@x>', '<b@x>']);
    expect(referencesOf('', '<c@x> <d@x>')).toEqual(['<c@x>']);
    expect(referencesOf(undefined, 'no id here')).toEqual([]);
  });
  it('tells replies and forwards by their subject (RFC 5256 §2.1)', () => {
    for (const s of ['Re: x', 'RE[2]: x', 'Fwd: x', 'fw: x', '[list] Re: x', 'x (fwd)', '[Fwd: x]']) expect(isReplyOrForward(s), s).toBe(true);
    for (const s of ['x', 'Regarding x', '[list] x', '']) expect(isReplyOrForward(s), s).toBe(false);
  });
});

import { parseUidSet } from '../../shared/uid-set.js';

/**
 * UID sets as sorted, disjoint ranges, for resolving a bulk selection without
 * expanding it: "select all" in a 100,000-message mailbox is one range, and
 * "all but these three" is four. The selection the browser sends is combined
 * with what SEARCH found here, in memory, so the browser's text never becomes
 * part of an IMAP command (Dovecot refuses command lines over 64 KiB,
 * imap_max_line_length, and a UID of 0 is a protocol error, RFC 3501 §9).
 */

/** Inclusive [first, last] pairs, ascending, not overlapping, not touching. */
export type UidRanges = ReadonlyArray<readonly [number, number]>;

/** "1:3,7,10:8" → [[1,3],[7,7],[8,10]] normalised (sorted, merged). "" → []. The grammar is shared/uid-set.ts'. */
export function parseRanges(set: string): UidRanges {
  return normalise(parseUidSet(set).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]));
}

function normalise(pieces: Array<[number, number]>): UidRanges {
  pieces.sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of pieces) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function rangesSize(r: UidRanges): number {
  let n = 0;
  for (const [a, b] of r) n += b - a + 1;
  return n;
}

export function formatRanges(r: UidRanges): string {
  return r.map(([a, b]) => (a === b ? `${a}` : `${a}:${b}`)).join(',');
}

/** UIDs in both; linear in the number of ranges. */
export function intersect(x: UidRanges, y: UidRanges): UidRanges {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a1, b1] = x[i]!;
    const [a2, b2] = y[j]!;
    const lo = Math.max(a1, a2);
    const hi = Math.min(b1, b2);
    if (lo <= hi) out.push([lo, hi]);
    if (b1 < b2) i++;
    else j++;
  }
  return out;
}

/** UIDs of `x` not in `y`. */
export function subtract(x: UidRanges, y: UidRanges): UidRanges {
  const out: Array<[number, number]> = [];
  let j = 0;
  for (const [a, b] of x) {
    let lo = a;
    while (j < y.length && y[j]![1] < lo) j++;
    let k = j;
    while (k < y.length && y[k]![0] <= b) {
      const [c, d] = y[k]!;
      if (c > lo) out.push([lo, c - 1]);
      lo = Math.max(lo, d + 1);
      if (lo > b) break;
      k++;
    }
    if (lo <= b) out.push([lo, b]);
  }
  return out;
}

/**
 * Splits ranges into consecutive pieces of at most `maxUids` UIDs and at most
 * `maxChars` characters once formatted, so every command line stays short
 * however scattered the UIDs are.
 */
export function* chunkRanges(r: UidRanges, maxUids: number, maxChars: number): Generator<UidRanges> {
  let chunk: Array<[number, number]> = [];
  let uids = 0;
  let chars = 0;
  for (const [first, last] of r) {
    let a = first;
    while (a <= last) {
      const b = Math.min(last, a + (maxUids - uids) - 1);
      const piece = a === b ? `${a}` : `${a}:${b}`;
      const cost = piece.length + (chunk.length > 0 ? 1 : 0);
      if (chunk.length > 0 && chars + cost > maxChars) {
        yield chunk;
        chunk = [];
        uids = 0;
        chars = 0;
        continue;
      }
      chunk.push([a, b]);
      uids += b - a + 1;
      chars += cost;
      a = b + 1;
      if (uids >= maxUids) {
        yield chunk;
        chunk = [];
        uids = 0;
        chars = 0;
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * IMAP sequence sets (RFC 3501 §9 "sequence-set") for UIDs: compact ranges
 * both ways, so 100,000 UIDs travel as "1:100000" rather than 600 KB of digits.
 */

/** How many UIDs a set names, without expanding it (so "1:4294967295" costs nothing to measure). */
export function uidSetSize(set: string): number {
  let n = 0;
  for (const piece of set.split(',')) {
    const m = /^(\d+)(?::(\d+))?$/.exec(piece.trim());
    if (!m) return Number.NaN;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    n += Math.abs(b - a) + 1;
  }
  return n;
}

/** "1:3,7,10:8" → [1,2,3,7,8,9,10] (ascending, de-duplicated). `*` is not allowed here. */
export function expandUidSet(set: string): Uint32Array {
  if (set.trim() === '') return new Uint32Array(0);
  const ranges: Array<[number, number]> = [];
  let count = 0;
  for (const piece of set.split(',')) {
    const m = /^(\d+)(?::(\d+))?$/.exec(piece.trim());
    if (!m) throw new Error(`not a UID set: ${JSON.stringify(set)}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    ranges.push([lo, hi]);
    count += hi - lo + 1;
  }
  const out = new Uint32Array(count);
  let i = 0;
  for (const [lo, hi] of ranges) for (let u = lo; u <= hi; u++) out[i++] = u;
  out.sort();
  // Overlapping ranges are legal; drop the repeats.
  let w = 0;
  for (let r = 0; r < out.length; r++) if (r === 0 || out[r] !== out[r - 1]) out[w++] = out[r]!;
  return out.subarray(0, w);
}

/**
 * "7,5:3,9,4" → [7,5,4,3,9]: the set's own order kept (a descending range
 * stays descending), repeats dropped after their first place. For answers
 * whose order the caller chose, such as an expanded thread's rows.
 */
export function orderedUidList(set: string): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (u: number) => {
    if (!seen.has(u)) out.push(u);
    seen.add(u);
  };
  if (set.trim() === '') return out;
  for (const piece of set.split(',')) {
    const m = /^(\d+)(?::(\d+))?$/.exec(piece.trim());
    if (!m) throw new Error(`not a UID set: ${JSON.stringify(set)}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a <= b) for (let u = a; u <= b; u++) add(u);
    else for (let u = a; u >= b; u--) add(u);
  }
  return out;
}

/** [7,1,2,3,9] → "1:3,7,9". Empty input gives "" (callers must not send an empty set). */
export function compressUids(uids: Iterable<number>): string {
  const sorted = Uint32Array.from(uids).sort();
  const parts: string[] = [];
  let start = -1;
  let prev = -1;
  for (const u of sorted) {
    if (u === prev) continue;
    if (u !== prev + 1) {
      if (start >= 0) parts.push(start === prev ? `${start}` : `${start}:${prev}`);
      start = u;
    }
    prev = u;
  }
  if (start >= 0) parts.push(start === prev ? `${start}` : `${start}:${prev}`);
  return parts.join(',');
}

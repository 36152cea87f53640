/**
 * IMAP sequence sets (RFC 3501 §9 "sequence-set") for UIDs: compact ranges
 * both ways, so 100,000 UIDs travel as "1:100000" rather than 600 KB of digits.
 * The one grammar of a UID set, for the browser, the API schemas and the server.
 */

/** A UID is an nz-number up to 4294967295 (RFC 3501 §9): ten digits at most. */
const UID = String.raw`\d{1,10}`;
const RANGE = `${UID}(?::${UID})?`;
/** One piece of a set: a UID, or a range "a:b" either way round (seq-range, without "*"). */
const PIECE = new RegExp(`^(${UID})(?::(${UID}))?$`);

/** A whole UID set as the API carries it: pieces joined by commas, no spaces, no "*". */
export const UID_SET_PATTERN = new RegExp(`^${RANGE}(?:,${RANGE})*$`);

/**
 * The set's pieces as written, [first, last] each (a descending range stays
 * descending; spaces around a piece are tolerated). "" → []. Throws on
 * anything else, "*" included: a UID set here always names its UIDs.
 */
export function parseUidSet(set: string): Array<[number, number]> {
  if (set.trim() === '') return [];
  return set.split(',').map((piece) => {
    const m = PIECE.exec(piece.trim());
    if (!m) throw new Error(`not a UID set: ${JSON.stringify(set.slice(0, 80))}`);
    const a = Number(m[1]);
    return [a, m[2] === undefined ? a : Number(m[2])];
  });
}

/** How many UIDs a set names, without expanding it (so "1:4294967295" costs nothing to measure). NaN if it is none. */
export function uidSetSize(set: string): number {
  let pieces: Array<[number, number]>;
  try {
    pieces = parseUidSet(set);
  } catch {
    return Number.NaN;
  }
  return pieces.reduce((n, [a, b]) => n + Math.abs(b - a) + 1, 0);
}

/** "1:3,7,10:8" → [1,2,3,7,8,9,10] (ascending, de-duplicated). `*` is not allowed here. */
export function expandUidSet(set: string): Uint32Array {
  const ranges = parseUidSet(set).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  const count = ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
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
  for (const [a, b] of parseUidSet(set)) {
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

import { describe, expect, it } from 'vitest';
import { expandUidSet } from '../../shared/uid-set.js';
import { chunkRanges, formatRanges, intersect, parseRanges, rangesSize, subtract, type UidRanges } from './uid-ranges.js';

const r = (set: string) => parseRanges(set);
const f = (ranges: UidRanges) => formatRanges(ranges);

/** The same operation done the slow way, on expanded sets. */
function naive(x: string, y: string, op: 'and' | 'minus'): string {
  const ys = new Set(expandUidSet(y));
  const kept = [...expandUidSet(x)].filter((u) => (op === 'and' ? ys.has(u) : !ys.has(u)));
  return formatRanges(parseRanges(kept.join(',')));
}

describe('parseRanges / formatRanges', () => {
  it('sorts, merges overlapping and touching ranges, and reverses backwards ones', () => {
    expect(f(r('10:8,1:3,7,2,4'))).toBe('1:4,7:10');
    expect(f(r(' 5 , 5:5 '))).toBe('5');
    expect(r('')).toEqual([]);
  });

  it('measures without expanding', () => {
    expect(rangesSize(r('1:4294967295'))).toBe(4294967295);
    expect(rangesSize(r('1:3,7,9:10'))).toBe(6);
  });

  it('refuses anything but digits, colons and commas', () => {
    expect(() => r('1:*')).toThrow();
    expect(() => r('1,,2')).toThrow();
  });
});

describe('intersect and subtract', () => {
  const cases: Array<[string, string]> = [
    ['1:100000', '5,99:120,100000'],
    ['1:10,20:30,40:50', '5:25,45'],
    ['1:10', ''],
    ['', '1:10'],
    ['3:7', '1:2,8:9'],
    ['1:5,7:9', '5:7'],
    ['1,3,5,7,9', '2:8'],
    ['1:20', '1:20'],
  ];
  for (const [x, y] of cases) {
    it(`${x || '∅'} with ${y || '∅'} agrees with the expanded sets`, () => {
      expect(f(intersect(r(x), r(y)))).toBe(naive(x, y, 'and'));
      expect(f(subtract(r(x), r(y)))).toBe(naive(x, y, 'minus'));
    });
  }

  it('"all but three" of a 100,000-message mailbox stays four ranges', () => {
    expect(f(subtract(r('1:100000'), r('7,50000,100000')))).toBe('1:6,8:49999,50001:99999');
  });

  it('works on the whole UID space without expanding it', () => {
    expect(f(intersect(r('10:20,4294967295'), r('1:4294967295')))).toBe('10:20,4294967295');
    expect(f(subtract(r('1:4294967295'), r('2:4294967294')))).toBe('1,4294967295');
  });

  it('UIDs the mailbox no longer has drop out of a selection', () => {
    expect(f(intersect(r('1:50,60:100'), r('40:70,900000')))).toBe('40:50,60:70');
    expect(intersect(r('1:100'), r('900000:900010'))).toEqual([]);
  });
});

describe('chunkRanges', () => {
  it('cuts by number of UIDs, keeping every UID once and in order', () => {
    const chunks = [...chunkRanges(r('1:12000'), 5000, 16_000)].map(f);
    expect(chunks).toEqual(['1:5000', '5001:10000', '10001:12000']);
  });

  it('cuts scattered UIDs by length as well, so no command line grows long', () => {
    const odd = Array.from({ length: 10_000 }, (_, i) => 2 * i + 1).join(',');
    const chunks = [...chunkRanges(r(odd), 5000, 1000)];
    for (const c of chunks) {
      expect(f(c).length).toBeLessThanOrEqual(1000);
      expect(rangesSize(c)).toBeLessThanOrEqual(5000);
    }
    expect(chunks.map(f).join(',')).toBe(f(r(odd)));
  });

  it('fills a chunk across range boundaries', () => {
    expect([...chunkRanges(r('1:3,10:14,20'), 4, 100)].map(f)).toEqual(['1:3,10', '11:14', '20']);
  });

  it('yields nothing for an empty set', () => {
    expect([...chunkRanges([], 10, 100)]).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { compressUids, expandUidSet, orderedUidList, uidSetSize } from './uid-set.js';

describe('UID sets', () => {
  it('expands ranges, single values and reversed ranges in ascending order without repeats', () => {
    expect([...expandUidSet('5,1:3,9:7,2')]).toEqual([1, 2, 3, 5, 7, 8, 9]);
    expect(expandUidSet('1:100000').length).toBe(100000);
    expect([...expandUidSet('')]).toEqual([]);
  });

  it('refuses anything that is not a UID set', () => {
    expect(() => expandUidSet('1:*')).toThrow();
    expect(() => expandUidSet('1 OR 2')).toThrow();
  });

  it('measures a set without expanding it', () => {
    expect(uidSetSize('1:3,7,10:8')).toBe(7);
    expect(uidSetSize('1:4294967295')).toBe(4294967295);
    expect(uidSetSize('1:*')).toBeNaN();
  });

  it('compresses to ranges and round-trips', () => {
    expect(compressUids([7, 1, 2, 3, 9, 3])).toBe('1:3,7,9');
    expect(compressUids([])).toBe('');
    const uids = [1, 2, 3, 10, 11, 40, 41, 42, 43, 100];
    expect([...expandUidSet(compressUids(uids))]).toEqual(uids);
  });
});

describe('ordered UID lists', () => {
  it('keeps the order of the set, descending ranges included, without repeats', () => {
    expect(orderedUidList('12,5,9')).toEqual([12, 5, 9]);
    expect(orderedUidList('7,5:3,9,4')).toEqual([7, 5, 4, 3, 9]);
    expect(orderedUidList('1:3,2')).toEqual([1, 2, 3]);
    expect(orderedUidList('')).toEqual([]);
  });
  it('refuses anything that is not a UID set', () => {
    expect(() => orderedUidList('1:*')).toThrow();
    expect(() => orderedUidList('1,,2')).toThrow();
  });
});

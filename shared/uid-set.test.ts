import { describe, expect, it } from 'vitest';
import { compressUids, expandUidSet, orderedUidList, parseUidSet, UID_SET_PATTERN, uidSetSize } from './uid-set.js';

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

describe('the one UID-set grammar', () => {
  it('parses pieces as written, descending ranges and spaces around pieces included', () => {
    expect(parseUidSet('7,5:3, 9 ,4:4')).toEqual([
      [7, 7],
      [5, 3],
      [9, 9],
      [4, 4],
    ]);
    expect(parseUidSet('  ')).toEqual([]);
    expect(parseUidSet('4294967295')).toEqual([[4294967295, 4294967295]]);
  });

  it('refuses "*", empty pieces, signs, other separators and UIDs past ten digits', () => {
    for (const bad of ['1:*', '*', '1,,2', ',1', '1:', ':2', '-1', '1;2', '1 2', '1:2:3', '12345678901']) {
      expect(() => parseUidSet(bad), bad).toThrow(/not a UID set/);
      expect(uidSetSize(bad), bad).toBeNaN();
    }
  });

  it('the wire pattern is the same grammar, strict: no spaces and never empty', () => {
    for (const good of ['1', '1:3', '10:8,1,4294967295', '1:50,72']) expect(UID_SET_PATTERN.test(good), good).toBe(true);
    for (const bad of ['', ' 1', '1, 2', '1:*', '1,,2', '12345678901', '1\n']) expect(UID_SET_PATTERN.test(bad), bad).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { FetchMessageObject } from 'imapflow';
import { addrMailbox, baseSubject, compareKeys, keyOf, parseOrderedSequenceSet, sortModeFor, type KeyedUid } from './sort.js';

describe('parseOrderedSequenceSet', () => {
  it('keeps the server order, descending ranges included', () => {
    expect([...parseOrderedSequenceSet('7,5:3,9')]).toEqual([7, 5, 4, 3, 9]);
    expect([...parseOrderedSequenceSet('1:3,10:8,4')]).toEqual([1, 2, 3, 10, 9, 8, 4]);
    expect([...parseOrderedSequenceSet('42')]).toEqual([42]);
    expect([...parseOrderedSequenceSet('6:6')]).toEqual([6]);
  });
  it('reads an empty answer as no messages', () => {
    expect(parseOrderedSequenceSet('')).toHaveLength(0);
  });
  it('refuses anything that is not a sequence set', () => {
    for (const bad of ['1:*', '1,,2', 'abc', '1:2:3', '-1']) expect(() => parseOrderedSequenceSet(bad), bad).toThrow();
  });
});

describe('sortModeFor', () => {
  it('uses plain SORT where the server sorts (not ESORT, whose long answer imapflow parses slowly), else the fallback', () => {
    expect(sortModeFor(new Set(['SORT', 'ESORT']))).toBe('sort');
    expect(sortModeFor(new Set(['SORT']))).toBe('sort');
    expect(sortModeFor(new Set(['ESORT']))).toBe('fallback');
    expect(sortModeFor(new Set())).toBe('fallback');
  });
});

describe('fallback keys and comparator', () => {
  it('base subject strips Re:/Fwd:/[list]/(fwd) as RFC 5256 §2.1 says', () => {
    expect(baseSubject('Re: Hello')).toBe('Hello');
    expect(baseSubject('RE: re: Fwd: Hello')).toBe('Hello');
    expect(baseSubject('Re[2]: Hello')).toBe('Hello');
    expect(baseSubject('[list] Re: Hello (fwd)')).toBe('Hello');
    expect(baseSubject('[Fwd: Hello]')).toBe('Hello');
    expect(baseSubject('  Hello \r\n world ')).toBe('Hello world');
    expect(baseSubject('[only a blob]')).toBe('[only a blob]');
    expect(baseSubject('')).toBe('');
  });
  it('from/to use the local part of the first address', () => {
    expect(addrMailbox('carol@example.test')).toBe('carol');
    expect(addrMailbox(undefined)).toBe('');
    const msg = { uid: 1, envelope: { from: [{ name: 'Zed', address: 'Bob@x.test' }], to: [] } } as unknown as FetchMessageObject;
    expect(keyOf(msg, 'from')).toBe('bob');
    expect(keyOf(msg, 'to')).toBe('');
  });
  it('date falls back to INTERNALDATE when the header is missing or bad', () => {
    const internalDate = new Date('2024-05-01T00:00:00Z');
    expect(keyOf({ uid: 1, envelope: {}, internalDate } as unknown as FetchMessageObject, 'date')).toBe(internalDate.getTime());
    expect(keyOf({ uid: 1, envelope: { date: new Date('nonsense') }, internalDate } as unknown as FetchMessageObject, 'date')).toBe(internalDate.getTime());
    const sent = new Date('2020-01-01T00:00:00Z');
    expect(keyOf({ uid: 1, envelope: { date: sent }, internalDate } as unknown as FetchMessageObject, 'date')).toBe(sent.getTime());
  });
  it('orders by key, ties by UID ascending in both directions', () => {
    const items: KeyedUid[] = [
      { uid: 4, key: 'b' },
      { uid: 1, key: 'b' },
      { uid: 3, key: 'a' },
      { uid: 2, key: 'c' },
    ];
    expect([...items].sort((a, b) => compareKeys(a, b, 'asc')).map((k) => k.uid)).toEqual([3, 1, 4, 2]);
    expect([...items].sort((a, b) => compareKeys(a, b, 'desc')).map((k) => k.uid)).toEqual([2, 1, 4, 3]);
  });
});

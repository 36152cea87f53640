import { describe, expect, it } from 'vitest';
import { displayName, formatListDate, formatSize, fullAddress } from './format.js';

describe('formatListDate', () => {
  const now = new Date(2024, 5, 14, 16, 30); // 14 June 2024, local time

  it('shows the time for today', () => {
    expect(formatListDate(new Date(2024, 5, 14, 9, 5).toISOString(), now, 'en-GB')).toBe('09:05');
  });

  it('shows day and month earlier this year', () => {
    expect(formatListDate(new Date(2024, 5, 13, 23, 59).toISOString(), now, 'en-GB')).toBe('13 Jun');
    expect(formatListDate(new Date(2024, 0, 1, 0, 0).toISOString(), now, 'en-GB')).toBe('1 Jan');
  });

  it('shows the full date for other years', () => {
    expect(formatListDate(new Date(2023, 11, 31, 12).toISOString(), now, 'en-GB')).toBe('31 Dec 2023');
  });

  it('shows nothing for an unreadable date rather than "Invalid Date"', () => {
    expect(formatListDate('not a date', now, 'en-GB')).toBe('');
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1.0 KB'],
    [2458, '2.4 KB'],
    [150 * 1024, '150 KB'],
    [13 * 1024 * 1024, '13 MB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('addresses', () => {
  it('prefers the name, falls back to the address', () => {
    expect(displayName({ name: 'Ada Lovelace', address: 'ada@example.org' })).toBe('Ada Lovelace');
    expect(displayName({ name: ' ', address: 'ada@example.org' })).toBe('ada@example.org');
    expect(fullAddress({ name: 'Ada', address: 'ada@example.org' })).toBe('Ada <ada@example.org>');
    expect(fullAddress({ name: '', address: 'ada@example.org' })).toBe('ada@example.org');
  });
});

import { describe, expect, it } from 'vitest';
import { displayName, formatFullDate, formatListDate, formatSize, fullAddress } from './format.js';

describe('formatListDate', () => {
  const now = new Date(2024, 5, 14, 16, 30); // 14 June 2024, local time

  it('shows the time for today', () => {
    expect(formatListDate(new Date(2024, 5, 14, 9, 5).toISOString(), now, { locale: 'en-GB' })).toBe('09:05');
  });

  it('shows day and month earlier this year', () => {
    expect(formatListDate(new Date(2024, 5, 13, 23, 59).toISOString(), now, { locale: 'en-GB' })).toBe('13 Jun');
    expect(formatListDate(new Date(2024, 0, 1, 0, 0).toISOString(), now, { locale: 'en-GB' })).toBe('1 Jan');
  });

  it('shows the full date for other years', () => {
    expect(formatListDate(new Date(2023, 11, 31, 12).toISOString(), now, { locale: 'en-GB' })).toBe('31 Dec 2023');
  });

  it('shows nothing for an unreadable date rather than "Invalid Date"', () => {
    expect(formatListDate('not a date', now, { locale: 'en-GB' })).toBe('');
  });
});

describe('dates in the user’s time zone', () => {
  // 14 June 2024, 20:00 UTC; the message came at 23:30 UTC the same day.
  const now = new Date('2024-06-14T20:00:00Z');
  const late = '2024-06-14T23:30:00Z';

  it('decides "today" in the chosen zone, not the browser’s', () => {
    expect(formatListDate(late, now, { locale: 'en-GB', timeZone: 'UTC' })).toBe('23:30');
    // New York (UTC−4 in June): still the 14th there, both for the message and for now.
    expect(formatListDate(late, now, { locale: 'en-GB', timeZone: 'America/New_York' })).toBe('19:30');
    // Tokyo (UTC+9): the message is at 08:30 on the 15th, and so is "now" (05:00 on the 15th).
    expect(formatListDate(late, now, { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('08:30');
    // Kiritimati (UTC+14): the message is on the 15th at 13:30, now is the 15th at 10:00.
    expect(formatListDate('2024-06-14T09:00:00Z', now, { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' })).toBe('14 Jun');
  });

  it('writes the reader’s date in the zone', () => {
    expect(formatFullDate(late, { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('Saturday, 15 June 2024 at 08:30');
    expect(formatFullDate(late, { locale: 'en-GB', timeZone: 'UTC' })).toBe('Friday, 14 June 2024 at 23:30');
  });

  it('follows the language it is given', () => {
    expect(formatFullDate(late, { locale: 'fr-FR', timeZone: 'Europe/Paris' })).toBe('samedi 15 juin 2024 à 01:30');
    expect(formatListDate('2024-03-02T12:00:00Z', now, { locale: 'fr-FR', timeZone: 'Europe/Paris' })).toBe('2 mars');
  });

  it('falls back to the browser’s zone for a zone this browser does not know, without throwing', () => {
    const browser = formatListDate('2024-03-02T12:00:00Z', now, { locale: 'en-GB' });
    expect(formatListDate('2024-03-02T12:00:00Z', now, { locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' })).toBe(browser);
    expect(formatFullDate('2024-03-02T12:00:00Z', { locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' })).toBe(formatFullDate('2024-03-02T12:00:00Z', { locale: 'en-GB' }));
  });
});

describe('date formats', () => {
  const now = new Date('2024-06-14T12:00:00Z');
  const zone = { locale: 'en-US', timeZone: 'UTC' };

  it('ISO 8601: whole dates, 24-hour times, whatever the locale', () => {
    expect(formatListDate('2024-06-14T21:05:00Z', now, { ...zone, dateFormat: 'iso' })).toBe('21:05');
    expect(formatListDate('2024-03-02T12:00:00Z', now, { ...zone, dateFormat: 'iso' })).toBe('2024-03-02');
    expect(formatListDate('2023-12-31T12:00:00Z', now, { ...zone, dateFormat: 'iso' })).toBe('2023-12-31');
    expect(formatFullDate('2024-03-02T07:04:00Z', { ...zone, dateFormat: 'iso' })).toBe('2024-03-02 07:04');
  });

  it('day/month/year and month/day/year, the year only when it is not this one', () => {
    expect(formatListDate('2024-03-02T12:00:00Z', now, { ...zone, dateFormat: 'dmy' })).toBe('02/03');
    expect(formatListDate('2023-03-02T12:00:00Z', now, { ...zone, dateFormat: 'dmy' })).toBe('02/03/2023');
    expect(formatListDate('2024-03-02T12:00:00Z', now, { ...zone, dateFormat: 'mdy' })).toBe('03/02');
    expect(formatListDate('2023-03-02T12:00:00Z', now, { ...zone, dateFormat: 'mdy' })).toBe('03/02/2023');
  });

  it('keeps the locale’s clock and weekday for dmy and mdy', () => {
    expect(formatListDate('2024-06-14T21:05:00Z', now, { ...zone, dateFormat: 'mdy' })).toBe('09:05 PM');
    expect(formatFullDate('2024-03-02T21:05:00Z', { ...zone, dateFormat: 'mdy' })).toBe('Sat 03/02/2024 09:05 PM');
    expect(formatFullDate('2024-03-02T21:05:00Z', { locale: 'fr-FR', timeZone: 'UTC', dateFormat: 'dmy' })).toBe('sam. 02/03/2024 21:05');
  });

  it('uses the zone for the day as well as the time', () => {
    // 23:30 UTC on 2 March is already 3 March in Paris.
    expect(formatListDate('2024-03-02T23:30:00Z', now, { locale: 'en-GB', timeZone: 'Europe/Paris', dateFormat: 'iso' })).toBe('2024-03-03');
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

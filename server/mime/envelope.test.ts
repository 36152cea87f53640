import { describe, expect, it } from 'vitest';
import { messageDate, toAddress, toAddresses } from './envelope.js';

describe('envelope addresses and dates', () => {
  it('keeps decoded display names and drops empty entries', () => {
    expect(toAddress({ name: ' André Müller ', address: 'andre@example.test' })).toEqual({ name: 'André Müller', address: 'andre@example.test' });
    expect(toAddress({ address: 'x@example.test' })).toEqual({ name: '', address: 'x@example.test' });
    expect(toAddress({})).toBeNull();
    expect(toAddresses([{ address: 'a@x' }, {}, { name: 'Group' }])).toEqual([
      { name: '', address: 'a@x' },
      { name: 'Group', address: '' },
    ]);
    expect(toAddresses(undefined)).toEqual([]);
  });

  it('uses the Date header, falls back to the arrival time when it is missing or unreadable', () => {
    const arrival = new Date('2024-03-01T10:00:00Z');
    expect(messageDate(new Date('2023-01-02T03:04:05Z'), arrival)).toBe('2023-01-02T03:04:05.000Z');
    expect(messageDate(new Date('garbage'), arrival)).toBe(arrival.toISOString());
    expect(messageDate(undefined, '2024-03-01T10:00:00Z')).toBe(arrival.toISOString());
    expect(messageDate(undefined, undefined)).toBe('1970-01-01T00:00:00.000Z');
  });
});

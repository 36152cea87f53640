import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { envelopeRecipients, normaliseAddress, normaliseRecipients, sameAddress } from './addresses.js';

describe('normaliseAddress', () => {
  it('accepts ordinary, IDN and UTF-8 addresses', () => {
    expect(normaliseAddress('anna@example.com')).toEqual({ address: 'anna@example.com', envelope: 'anna@example.com' });
    expect(normaliseAddress(' Anna@Example.COM ')).toEqual({ address: 'Anna@example.com', envelope: 'Anna@example.com' });
    expect(normaliseAddress('jürgen@münchen.de')).toEqual({ address: 'jürgen@münchen.de', envelope: 'jürgen@xn--mnchen-3ya.de' });
    expect(normaliseAddress('info@xn--mnchen-3ya.de')).toEqual({ address: 'info@münchen.de', envelope: 'info@xn--mnchen-3ya.de' });
    expect(normaliseAddress('用户@例子.广告')?.envelope).toBe('用户@xn--fsqu00a.xn--4rr70v');
    expect(normaliseAddress('"john doe"@example.com')?.address).toBe('"john doe"@example.com');
    expect(normaliseAddress('a+tag@sub.example.org')).not.toBeNull();
  });

  it('refuses what is not one usable mailbox', () => {
    for (const bad of ['', 'anna', 'anna@', '@example.com', 'anna@@example.com', 'anna@gmail', 'foo bar@example.com', 'Anna <anna@example.com>', 'x@[127.0.0.1]', 'a,b@example.com', 'group: a@b.c;', `${'x'.repeat(65)}@example.com`]) {
      expect(normaliseAddress(bad), bad).toBeNull();
    }
  });
});

describe('normaliseRecipients', () => {
  it('keeps display names with commas and quotes as typed', () => {
    expect(normaliseRecipients([{ name: 'Doe, "Johnny" John', address: 'john@example.com' }], 'to')).toEqual([
      { name: 'Doe, "Johnny" John', address: 'john@example.com', envelope: 'john@example.com' },
    ]);
  });

  it('names the bad address and its field', () => {
    try {
      normaliseRecipients([{ name: '', address: 'a@example.com' }, { name: '', address: 'b@example.com' }, { name: 'X', address: 'nope@' }], 'to');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INVALID_ADDRESS');
      expect((err as AppError).extra.field).toBe('to[2]');
      expect((err as AppError).message).toContain('nope@');
    }
  });
});

describe('envelope and identity', () => {
  it('de-duplicates the envelope across To, Cc and Bcc', () => {
    const to = normaliseRecipients([{ name: '', address: 'a@example.com' }], 'to');
    const bcc = normaliseRecipients([{ name: '', address: 'a@EXAMPLE.com' }, { name: '', address: 'b@example.com' }], 'bcc');
    expect(envelopeRecipients([to, bcc])).toEqual(['a@example.com', 'b@example.com']);
  });

  it('compares addresses case-insensitively and across IDN spellings', () => {
    expect(sameAddress('Me@Example.test', 'me@example.test')).toBe(true);
    expect(sameAddress('info@münchen.de', 'info@xn--mnchen-3ya.de')).toBe(true);
    expect(sameAddress('a@example.test', 'b@example.test')).toBe(false);
  });
});

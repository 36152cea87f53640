import { describe, expect, it } from 'vitest';
import { addressProblem, formatRecipient, parseRecipient, parseRecipientList, splitCompleted, splitRecipientList } from './recipients.js';

describe('recipient parsing', () => {
  it('splits a pasted list, keeping commas inside quoted names', () => {
    const list = parseRecipientList('A <a@x.org>, "Doe, John" <j@x.org>; bare@x.org\nc@x.org (Carol, C.)');
    expect(list.map(({ name, address }) => ({ name, address }))).toEqual([
      { name: 'A', address: 'a@x.org' },
      { name: 'Doe, John', address: 'j@x.org' },
      { name: '', address: 'bare@x.org' },
      { name: 'Carol, C.', address: 'c@x.org' },
    ]);
    expect(list.every((r) => r.problem === null)).toBe(true);
  });

  it('unescapes quotes in display names and drops control characters', () => {
    expect(parseRecipient('"Say \\"hi\\"" <s@x.org>')).toMatchObject({ name: 'Say "hi"', address: 's@x.org' });
    expect(parseRecipient('Evil\r\nBcc: x@y.org <e@x.org>')).toMatchObject({ name: 'Evil Bcc: x@y.org', address: 'e@x.org' });
    expect(splitRecipientList('  , ,a@x.org,,')).toEqual(['a@x.org']);
  });

  it('accepts IDN domains, UTF-8 local parts, plus tags and domain literals', () => {
    for (const a of ['user@bücher.example', 'δοκιμή@παράδειγμα.δοκιμή', 'fred+tag@x.org', 'a.b@x.org', 'x@[192.0.2.1]', '"john doe"@x.org', 'me@localhost']) {
      expect(addressProblem(a), a).toBeNull();
    }
  });

  it('explains obviously invalid addresses', () => {
    expect(addressProblem('nobody')).toMatch(/no @/);
    expect(addressProblem('@x.org')).toMatch(/nothing before/);
    expect(addressProblem('a@')).toMatch(/no domain/);
    expect(addressProblem('a b@x.org')).toMatch(/space/);
    expect(addressProblem('a..b@x.org')).toMatch(/not allowed/);
    expect(addressProblem('a@-x.org')).toMatch(/not a valid domain/);
    expect(addressProblem('a@x..org')).toMatch(/not a valid domain/);
    expect(parseRecipient('Name <broken>').problem).toMatch(/no @/);
  });

  it('strips mailto: and writes names back with quotes only where needed', () => {
    expect(parseRecipient('mailto:a@x.org').address).toBe('a@x.org');
    expect(formatRecipient({ name: 'Doe, John', address: 'j@x.org' })).toBe('"Doe, John" <j@x.org>');
    expect(formatRecipient({ name: 'Ann', address: 'a@x.org' })).toBe('Ann <a@x.org>');
    expect(formatRecipient({ name: '', address: 'a@x.org' })).toBe('a@x.org');
    const round = parseRecipient(formatRecipient({ name: 'Say "hi", you', address: 's@x.org' }));
    expect(round).toMatchObject({ name: 'Say "hi", you', address: 's@x.org' });
  });
});

describe('splitCompleted', () => {
  it('commits what a separator finished and keeps a half-typed quoted name', () => {
    expect(splitCompleted('"Doe, ')).toEqual({ done: [], rest: '"Doe, ' });
    const r = splitCompleted('"Doe, John" <j@x.org>, an');
    expect(r.done.map((p) => p.address)).toEqual(['j@x.org']);
    expect(r.rest).toBe('an');
  });
});

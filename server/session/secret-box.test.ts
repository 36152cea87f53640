import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('secret box', () => {
  it('round-trips, never stores plaintext, and refuses another key or tampering', () => {
    const box = new SecretBox('s'.repeat(40));
    const sealed = box.seal('pässwörd');
    expect(sealed).not.toContain('pässwörd');
    expect(box.open(sealed)).toBe('pässwörd');
    expect(box.seal('x')).not.toBe(box.seal('x')); // fresh IV each time
    expect(() => new SecretBox('t'.repeat(40)).open(sealed)).toThrow();
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open(raw.toString('base64'))).toThrow();
  });
});

describe('secret box rotation', () => {
  it('opens what the previous secret sealed, says it is stale, and seals only with the current one', () => {
    const old = new SecretBox('o'.repeat(40));
    const rotated = new SecretBox('n'.repeat(40), { previousSecret: 'o'.repeat(40) });
    const sealedBefore = old.seal('pw');
    expect(rotated.opened(sealedBefore)).toEqual({ plain: 'pw', stale: true });
    const sealedAfter = rotated.seal('pw');
    expect(rotated.opened(sealedAfter)).toEqual({ plain: 'pw', stale: false });
    // The old secret alone cannot open what the rotated box seals.
    expect(() => old.open(sealedAfter)).toThrow();
    // Without the previous secret, the old value is refused.
    expect(() => new SecretBox('n'.repeat(40)).open(sealedBefore)).toThrow();
  });

  it('refuses garbage and truncated values under both secrets', () => {
    const rotated = new SecretBox('n'.repeat(40), { previousSecret: 'o'.repeat(40) });
    expect(() => rotated.open('')).toThrow();
    expect(() => rotated.open('AAAA')).toThrow();
    expect(() => rotated.open(Buffer.alloc(40, 1).toString('base64'))).toThrow();
  });
});

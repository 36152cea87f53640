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

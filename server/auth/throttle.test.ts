import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.js';

describe('login throttle', () => {
  it('blocks an account after its failure budget and frees it when the window passes', () => {
    let now = 1_000_000;
    const t = new LoginThrottle({ perIp: 100, perAccount: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('10.0.0.1', 'a@x')).toBe(0);
      t.recordFailure('10.0.0.1', 'a@x');
      now += 1000;
    }
    expect(t.retryAfter('10.0.0.2', 'A@X')).toBeGreaterThan(0); // another IP, same account (case-insensitive)
    expect(t.retryAfter('10.0.0.1', 'b@x')).toBe(0); // another account from the same IP
    now += 60_000;
    expect(t.retryAfter('10.0.0.1', 'a@x')).toBe(0);
  });

  it('blocks an IP that guesses across many accounts; success does not clear the IP', () => {
    let now = 0;
    const t = new LoginThrottle({ perIp: 5, perAccount: 100, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 5; i++) t.recordFailure('10.0.0.9', `user${i}@x`);
    t.recordSuccess('user0@x');
    expect(t.retryAfter('10.0.0.9', 'new@x')).toBe(60);
    now = 61_000;
    t.prune();
    expect(t.retryAfter('10.0.0.9', 'new@x')).toBe(0);
  });
});

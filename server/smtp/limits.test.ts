import { describe, expect, it } from 'vitest';
import type { Config } from '../config/config.js';
import { attachmentBudget, SubmissionLimits, sizeFromEhlo } from './limits.js';

const config = { smtp: {}, compose: { maxMessageBytes: 25 * 1024 * 1024, undoSeconds: 10 } } as unknown as Config;

describe('submission limits', () => {
  it('reads SIZE from EHLO lines', () => {
    expect(sizeFromEhlo(['PIPELINING', 'SIZE 10240000', 'STARTTLS'])).toBe(10_240_000);
    expect(sizeFromEhlo(['SIZE'])).toBe(0);
    expect(sizeFromEhlo(['8BITMIME'])).toBe(0);
  });

  it('takes the lower of the server SIZE and the cap, caches it, and falls back to the cap when the probe fails', async () => {
    let t = 1_000;
    let calls = 0;
    let answer: number | Error = 10_000_000;
    const limits = new SubmissionLimits(config, {
      now: () => t,
      ttlMs: 1000,
      retryMs: 100,
      probe: async () => {
        calls++;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
    expect(await limits.maxMessageBytes()).toBe(10_000_000);
    expect(await limits.maxMessageBytes()).toBe(10_000_000);
    expect(calls).toBe(1);
    t += 2000;
    answer = 100 * 1024 * 1024;
    expect(await limits.maxMessageBytes()).toBe(25 * 1024 * 1024);
    t += 2000;
    answer = new Error('down');
    expect(await limits.maxMessageBytes()).toBe(25 * 1024 * 1024);
    limits.noteEhlo(['SIZE 5000000']);
    expect(await limits.maxMessageBytes()).toBe(5_000_000);
  });

  it('leaves room for base64 and headers in the attachment budget', () => {
    const max = 25 * 1024 * 1024;
    const budget = attachmentBudget(max);
    expect(Math.ceil(budget / 57) * 78).toBeLessThan(max);
    expect(budget).toBeGreaterThan(max * 0.7);
  });
});

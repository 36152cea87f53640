import { describe, expect, it } from 'vitest';
import { ByteGate } from './byte-gate.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('byte gate', () => {
  it('lets requests run together within the budget and queues the rest in order', async () => {
    const gate = new ByteGate(100);
    const order: string[] = [];
    const release: Record<string, () => void> = {};
    const job = (name: string, bytes: number) =>
      gate.run(bytes, async () => {
        order.push(`start ${name}`);
        await new Promise<void>((r) => (release[name] = r));
        order.push(`end ${name}`);
      });
    const a = job('a', 60);
    const b = job('b', 60); // would exceed: waits
    const c = job('c', 10); // fits, but must not overtake b
    await tick();
    expect(order).toEqual(['start a']);
    expect(gate.bytesInUse).toBe(60);
    release.a!();
    await tick();
    expect(order).toEqual(['start a', 'end a', 'start b', 'start c']);
    expect(gate.bytesInUse).toBe(70);
    release.b!();
    release.c!();
    await Promise.all([a, b, c]);
    expect(gate.bytesInUse).toBe(0);
  });

  it('runs one request larger than the whole budget on its own, and frees its bytes on failure', async () => {
    const gate = new ByteGate(10);
    await expect(gate.run(50, async () => 'big')).resolves.toBe('big');
    await expect(gate.run(5, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.bytesInUse).toBe(0);
  });
});

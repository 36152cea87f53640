import { describe, expect, it } from 'vitest';
import type { MailSession } from '../imap/session.js';
import { SessionStore } from './sessions.js';

/** Stands in for the IMAP side: the store only needs close(). */
function fakeMail(): MailSession & { closeCalls: number } {
  const m = { closeCalls: 0, close: async () => void (m.closeCalls += 1) };
  return m as unknown as MailSession & { closeCalls: number };
}

describe('session store', () => {
  it('ends an idle session and closes its IMAP connection; activity keeps it alive', async () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 30 * 60_000, maxAgeMs: 12 * 3600_000 }, () => now);
    const busy = store.create('a@x', fakeMail());
    const idleMail = fakeMail();
    const idle = store.create('b@x', idleMail);
    now = 20 * 60_000;
    expect(await store.get(busy.id)).not.toBeNull();
    now = 40 * 60_000;
    await store.sweep();
    expect(idleMail.closeCalls).toBe(1);
    expect(await store.get(idle.id)).toBeNull();
    expect(await store.get(busy.id)).not.toBeNull();
    await store.closeAll();
  });

  it('ends every session at its maximum age, however busy', async () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 60_000, maxAgeMs: 3 * 60_000 }, () => now);
    const mail = fakeMail();
    const s = store.create('a@x', mail);
    for (now = 30_000; now < 3 * 60_000; now += 30_000) expect(await store.get(s.id)).not.toBeNull();
    now = 3 * 60_000 + 1;
    expect(await store.get(s.id)).toBeNull();
    expect(mail.closeCalls).toBe(1);
    await store.closeAll();
  });

  it('ids and CSRF tokens are long, random and distinct', () => {
    const store = new SessionStore({ idleMs: 60_000, maxAgeMs: 60_000 });
    const a = store.create('a@x', fakeMail());
    const b = store.create('a@x', fakeMail());
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([a.id, b.id, a.csrfToken, b.csrfToken]).size).toBe(4);
    void store.closeAll();
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailSession } from '../imap/session.js';
import { openDatabase, type Database } from '../store/db.js';
import { sessionKey, SqliteSessionRecords, type SessionRecord } from '../store/sessions.js';
import { SessionStore, type SessionStoreOptions } from './sessions.js';

/** Stands in for the IMAP side: the store only needs close(). */
function fakeMail(): MailSession & { closeCalls: number } {
  const m = { closeCalls: 0, close: async () => void (m.closeCalls += 1) };
  return m as unknown as MailSession & { closeCalls: number };
}

let dir: string;
let db: Database;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sessions-'));
  db = openDatabase(path.join(dir, 'webmail.sqlite'));
  now = 1_000_000;
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function storeWith(over: Partial<SessionStoreOptions> = {}): SessionStore {
  return new SessionStore({
    idleMs: 30 * 60_000,
    maxAgeMs: 12 * 3600_000,
    records: new SqliteSessionRecords(db),
    resume: () => ({ mail: fakeMail(), resealed: null }),
    now: () => now,
    ...over,
  });
}

const row = (id: string) => db.prepare('SELECT * FROM sessions WHERE key = ?').get(sessionKey(id)) as Record<string, unknown> | undefined;

describe('session store', () => {
  it('ends an idle session and closes its IMAP connection; activity keeps it alive', async () => {
    const store = storeWith();
    const busy = store.create('a@x', fakeMail());
    const idleMail = fakeMail();
    const idle = store.create('b@x', idleMail);
    now += 20 * 60_000;
    expect(await store.get(busy.id)).not.toBeNull();
    now += 20 * 60_000;
    await store.sweep();
    expect(idleMail.closeCalls).toBe(1);
    expect(row(idle.id)).toBeUndefined();
    expect(await store.get(idle.id)).toBeNull();
    expect(await store.get(busy.id)).not.toBeNull();
    await store.closeAll();
  });

  it('ends every session at its maximum age, however busy', async () => {
    const store = storeWith({ idleMs: 60_000, maxAgeMs: 3 * 60_000 });
    const mail = fakeMail();
    const s = store.create('a@x', mail);
    const start = now;
    for (now = start + 30_000; now < start + 3 * 60_000; now += 30_000) expect(await store.get(s.id)).not.toBeNull();
    now = start + 3 * 60_000 + 1;
    expect(await store.get(s.id)).toBeNull();
    expect(mail.closeCalls).toBe(1);
    expect(row(s.id)).toBeUndefined();
    await store.closeAll();
  });

  it('ids and CSRF tokens are long, random and distinct', async () => {
    const store = storeWith();
    const a = store.create('a@x', fakeMail());
    const b = store.create('a@x', fakeMail());
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([a.id, b.id, a.csrfToken, b.csrfToken]).size).toBe(4);
    await store.closeAll();
  });
});

describe('sessions that survive a restart', () => {
  it('a second store on the same database resumes the session once, with its CSRF token, and no tab is told it ended', async () => {
    const first = storeWith();
    const ended: string[] = [];
    first.onDestroy((id) => ended.push(id));
    const mail = fakeMail();
    const s = first.create('ann@example.test', mail, 'SEALED');
    await first.closeAll();
    expect(mail.closeCalls).toBe(1);
    expect(ended).toEqual([]);

    const resumed: SessionRecord[] = [];
    const second = storeWith({ resume: (r) => (resumed.push(r), { mail: fakeMail(), resealed: null }) });
    now += 5 * 60_000;
    const [x, y] = await Promise.all([second.get(s.id), second.get(s.id)]);
    expect(x).not.toBeNull();
    expect(x).toBe(y);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ address: 'ann@example.test', sealedPassword: 'SEALED' });
    expect(x).toMatchObject({ id: s.id, address: 'ann@example.test', csrfToken: s.csrfToken, sealedPassword: 'SEALED' });
    await second.closeAll();
  });

  it('stores only a hash of the cookie id, and sign-out erases the row with its sealed password', async () => {
    const store = storeWith();
    const s = store.create('ann@example.test', fakeMail(), 'SEALED-PASSWORD');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path.join(dir, 'webmail.sqlite')).includes(Buffer.from(s.id))).toBe(false);
    expect(row(s.id)).toMatchObject({ sealed_password: 'SEALED-PASSWORD' });
    await store.destroy(s.id);
    expect(row(s.id)).toBeUndefined();
    expect(store.stored).toBe(0);
    await store.closeAll();
  });

  it('a stored session whose sealed password does not open is signed out cleanly', async () => {
    const first = storeWith();
    const s = first.create('ann@example.test', fakeMail(), 'TAMPERED');
    await first.closeAll();
    const refused: string[] = [];
    const second = storeWith({
      resume: () => {
        throw new Error('Unsupported state or unable to authenticate data');
      },
      onRefused: (address) => refused.push(address),
    });
    expect(await second.get(s.id)).toBeNull();
    expect(refused).toEqual(['ann@example.test']);
    expect(row(s.id)).toBeUndefined();
    await second.closeAll();
  });

  it('a session resumed with the previous secret is sealed again with the current one', async () => {
    const first = storeWith();
    const s = first.create('ann@example.test', fakeMail(), 'OLD-SEALING');
    await first.closeAll();
    const second = storeWith({ resume: () => ({ mail: fakeMail(), resealed: 'NEW-SEALING' }) });
    expect((await second.get(s.id))?.sealedPassword).toBe('NEW-SEALING');
    expect(row(s.id)).toMatchObject({ sealed_password: 'NEW-SEALING' });
    await second.closeAll();
  });

  it('a stored session past its idle time is not resumed, and the sweep purges rows nobody came back for', async () => {
    const first = storeWith();
    const gone = first.create('ann@example.test', fakeMail());
    const kept = first.create('bob@example.test', fakeMail());
    await first.closeAll();
    now += 31 * 60_000;
    const second = storeWith();
    expect(await second.get(gone.id)).toBeNull();
    expect(row(gone.id)).toBeUndefined();
    expect(row(kept.id)).toBeDefined();
    await second.sweep();
    expect(row(kept.id)).toBeUndefined();
    await second.closeAll();
  });

  it('writes the last-seen time at most every tenth of the idle time, and at shutdown', async () => {
    const store = storeWith({ idleMs: 10 * 60_000 });
    const s = store.create('ann@example.test', fakeMail());
    const created = now;
    now += 30_000;
    await store.get(s.id);
    expect(row(s.id)).toMatchObject({ last_seen_at: created });
    now += 31_000;
    await store.get(s.id);
    expect(row(s.id)).toMatchObject({ last_seen_at: now });
    now += 1_000;
    await store.get(s.id);
    await store.closeAll();
    expect(row(s.id)).toMatchObject({ last_seen_at: now });
  });
});

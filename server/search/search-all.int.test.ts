import https from 'node:https';
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { API } from '../../shared/api.js';
import { searchAllEventSchema, type SearchAllEvent } from '../../shared/search.js';
import { seedBulkMailbox, userHome } from '../../e2e/mailserver/mailstack.js';
import { doveadm } from '../../e2e/mailserver/daemons.js';
import { stackConfig } from '../../e2e/mailserver/mailbox-admin.js';
import { sleep } from '../../e2e/mailserver/exec.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import type { Config } from '../config/config.js';
import { connectImap } from '../imap/connect.js';
import { searchAllMailboxes } from '../imap/search-all.js';
import { MailSession } from '../imap/session.js';

/**
 * Search across every folder: NDJSON lines per folder as each answers, over a
 * bounded pool of extra connections that is closed when the search ends or the
 * client goes away. `Big` (20,000 generated messages) takes seconds to scan
 * where the other folders take milliseconds.
 */

const stack = inject('mailstack');
const imap: Config['imap'] = { host: stack.env.WEBMAIL_IMAP_HOST!, port: stack.imapsPort, security: 'tls', caFile: stack.caFile };
const TERM = 'quarterly';
let selectable: string[];

interface Streamed {
  status: number;
  events: SearchAllEvent[];
  /** The index of the network chunk each event arrived in. */
  chunkOf: number[];
}

/** GET API.searchAll, parsed line by line as the browser does; `onEvent` may return 'stop' to hang up. */
function streamSearch(query: string, onEvent: (e: SearchAllEvent) => 'stop' | void = () => undefined): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const out: Streamed = { status: 0, events: [], chunkOf: [] };
    const headers = { cookie: me.api.sessionCookie!, accept: 'application/x-ndjson' };
    const req = https.request(new URL(`${API.searchAll}?${query}`, webmail.app.url), { agent: me.api.agent, headers }, (res) => {
      out.status = res.statusCode ?? 0;
      let buffered = '';
      let chunk = 0;
      res.on('data', (data: Buffer) => {
        buffered += data.toString('utf8');
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          const event = out.status === 200 ? searchAllEventSchema.parse(JSON.parse(line)) : JSON.parse(line);
          out.events.push(event);
          out.chunkOf.push(chunk);
          if (onEvent(event) === 'stop') {
            req.destroy();
            return resolve(out);
          }
        }
        chunk += 1;
      });
      res.on('end', () => {
        if (buffered.trim()) out.events.push(JSON.parse(buffered));
        resolve(out);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a direct UID SEARCH for the quick box finds in a folder, newest first. */
async function direct(path: string, term = TERM): Promise<number[]> {
  const lock = await me.probe.getMailboxLock(path, { readOnly: true });
  try {
    return ((await me.probe.search({ or: [{ from: term }, { to: term }, { subject: term }, { body: term }] }, { uid: true })) || []).sort((a, b) => b - a);
  } finally {
    lock.release();
  }
}

/** This user's IMAP connections as Dovecot counts them. */
async function connectionsOf(address: string): Promise<number> {
  const out = await doveadm(stackConfig(stack), ['who', '-1', address]).catch(() => '');
  return out.split('\n').filter((l) => l.includes(address) && /\bimap\b/.test(l)).length;
}

const webmail = useWebmail({ WEBMAIL_SEARCH_CONNECTIONS: '3' });
const me = useUser(webmail, {
  probe: true,
  timeout: 240_000,
  seed: async ({ user, probe }) => {
    await seedBulkMailbox(stack, user.address, 'Big', 20_000);
    for (const path of ['Projects', 'Projects/Alpha', 'Locked']) await probe.mailboxCreate(path);
    await appendAll(probe, 'INBOX', [
      plainMessage('numbers for the quarterly review', { subject: 'Figures' }),
      plainMessage('nothing to see', { subject: 'Quarterly plan' }),
      plainMessage('unrelated', { subject: 'Lunch' }),
    ]);
    await appendAll(probe, 'Projects', [plainMessage('the QUARTERLY targets', { subject: 'Targets' }), plainMessage('other', { subject: 'Other' })]);
    await appendAll(probe, 'Projects/Alpha', [plainMessage('hello', { subject: 'Hi', from: 'Quarterly Bot <bot@example.test>' })]);
    await appendAll(probe, 'Locked', [plainMessage('quarterly, but locked away', { subject: 'Locked' })]);
    selectable = (await probe.list()).filter((m) => !m.flags.has('\\Noselect') && !m.flags.has('\\NonExistent')).map((m) => m.path);
  },
});

describe('search across all folders, through the API', () => {
  it('streams start, one line per folder as each answers, then done; counts equal a direct SEARCH per folder', async () => {
    const res = await streamSearch(`text=${TERM}&perMailbox=2`);
    expect(res.status).toBe(200);
    const { events } = res;
    expect(events[0]).toEqual({ type: 'start', mailboxes: selectable.length });
    const done = events.at(-1)!;
    const folders = events.slice(1, -1);
    expect(folders.map((e) => (e.type === 'mailbox' ? e.path : null)).sort()).toEqual([...selectable].sort());

    let sum = 0;
    for (const e of folders) {
      if (e.type !== 'mailbox') continue;
      const expected = await direct(e.path);
      expect(e.total, e.path).toBe(expected.length);
      expect(e.items.map((m) => m.uid), e.path).toEqual(expected.slice(0, 2));
      sum += e.total;
    }
    expect(done).toEqual({ type: 'done', searched: selectable.length, failed: 0, total: sum });
    expect(folders.find((e) => e.type === 'mailbox' && e.path === 'Projects/Alpha')).toMatchObject({ total: 1 });

    // The small folders were written while Big was still being scanned: earlier lines, earlier chunks.
    const big = folders.findIndex((e) => e.type === 'mailbox' && e.path === 'Big');
    expect(big).toBe(folders.length - 1);
    expect(res.chunkOf[1]).toBeLessThan(res.chunkOf.at(-1)!);
  });

  it('a folder that cannot be opened is a mailboxError; the others still answer', async () => {
    const dir = `${userHome(stack, me.address)}/Maildir/.Locked`;
    chmodSync(dir, 0o000);
    try {
      const { events } = await streamSearch(`text=${TERM}`);
      const locked = events.find((e) => 'path' in e && e.path === 'Locked');
      expect(locked).toMatchObject({ type: 'mailboxError', path: 'Locked' });
      expect(locked && 'code' in locked && ['IMAP_UNAVAILABLE', 'IMAP_ERROR'].includes(locked.code)).toBe(true);
      expect(events.filter((e) => e.type === 'mailbox')).toHaveLength(selectable.length - 1);
      expect(events.at(-1)).toMatchObject({ type: 'done', searched: selectable.length - 1, failed: 1 });
    } finally {
      chmodSync(dir, 0o700);
    }
    // The session is unharmed.
    expect((await me.api.get(`${API.messages}?mailbox=INBOX&text=${TERM}`)).json).toMatchObject({ total: 2 });
  });

  it('leaves no extra IMAP connection open once the client has gone away', async () => {
    const baseline = await connectionsOf(me.address);
    const res = await streamSearch(`text=${TERM}`, (e) => (e.type === 'mailbox' ? 'stop' : undefined));
    expect(res.events.some((e) => e.type === 'done')).toBe(false);
    let now = await connectionsOf(me.address);
    for (let i = 0; i < 100 && now > baseline; i++) {
      await sleep(100);
      now = await connectionsOf(me.address);
    }
    expect(now).toBe(baseline);
  });

  it('refuses, before streaming, a search without criteria or with a term that cannot be sent', async () => {
    for (const [query, field] of [
      ['perMailbox=5', undefined],
      ['text=a%0D%0Ab', 'text'],
      ['since=2024-02-31x', 'since'],
      ['text=x&perMailbox=999', 'perMailbox'],
    ] as const) {
      const res = await me.api.get(`${API.searchAll}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json, query).toMatchObject({ error: { code: 'VALIDATION_FAILED', ...(field ? { field } : {}) } });
    }
  });
});

describe('the search pool, driven directly', () => {
  let session: MailSession;
  const opened: ImapFlow[] = [];
  const connect = async () => {
    const c = await connectImap(imap, { user: me.address, pass: me.password });
    opened.push(c);
    return c;
  };

  beforeAll(async () => {
    session = await MailSession.open(imap, () => ({ user: me.address, pass: me.password }));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a folder deleted between the listing and its search is MAILBOX_NOT_FOUND, the rest answer, and the pool is closed', async () => {
    await me.probe.mailboxCreate('Gone');
    const paths = ['Gone', ...selectable];
    await me.probe.mailboxDelete('Gone');
    opened.length = 0;
    const events: SearchAllEvent[] = [];
    await searchAllMailboxes({ session, paths, criteria: { text: TERM }, perMailbox: 1, connections: 2, emit: (e) => events.push(e), signal: new AbortController().signal, connect });
    expect(events.find((e) => 'path' in e && e.path === 'Gone')).toMatchObject({ type: 'mailboxError', code: 'MAILBOX_NOT_FOUND' });
    expect(events.filter((e) => e.type === 'mailbox')).toHaveLength(selectable.length);
    expect(events.at(-1)).toMatchObject({ type: 'done', failed: 1, searched: selectable.length });
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.length).toBeLessThanOrEqual(2);
    expect(opened.every((c) => !c.usable)).toBe(true);
  });

  it('the client going away closes every pool connection at once, and nothing more is emitted', async () => {
    opened.length = 0;
    const abort = new AbortController();
    const events: SearchAllEvent[] = [];
    let openAtAbort = -1;
    await searchAllMailboxes({
      session,
      paths: selectable,
      criteria: { body: 'laboris' },
      perMailbox: 1,
      connections: 3,
      emit: (e) => {
        events.push(e);
        if (e.type === 'mailbox' && !abort.signal.aborted) {
          abort.abort();
          openAtAbort = opened.filter((c) => c.usable).length;
        }
      },
      signal: abort.signal,
      connect,
    });
    expect(openAtAbort).toBe(0);
    expect(events.filter((e) => e.type === 'mailbox')).toHaveLength(1);
    expect(events.some((e) => e.type === 'done' || e.type === 'mailboxError')).toBe(false);
    expect(opened.every((c) => !c.usable)).toBe(true);
  });

  it('when no connection can be opened, every folder is reported with the reason and the search still ends', async () => {
    const events: SearchAllEvent[] = [];
    await searchAllMailboxes({
      session,
      paths: selectable,
      criteria: { text: TERM },
      perMailbox: 1,
      connections: 2,
      emit: (e) => events.push(e),
      signal: new AbortController().signal,
      connect: () => connectImap(imap, { user: me.address, pass: 'not-the-password' }),
    });
    const errors = events.filter((e) => e.type === 'mailboxError');
    expect(errors).toHaveLength(selectable.length);
    expect(errors.every((e) => e.type === 'mailboxError' && e.code === 'AUTH_FAILED')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'done', searched: 0, failed: selectable.length, total: 0 });
  });
});

import { EventEmitter } from 'node:events';
import type { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ImapState } from '../../shared/push.js';
import { toAppError } from './errors.js';
import { MailWatcher, type WatchEvents } from './watcher.js';

// The watcher's error handling with stand-in connections: a dropped link is weather (reconnect,
// say nothing), anything else a bug (log it with its stack) after which the loop goes on. The
// real IDLE and reconnects against Dovecot are in server/push/*.int.test.ts.

const coded = (code: string) => Object.assign(new Error(`link: ${code}`), { code });
const bug = () => new TypeError("Cannot read properties of undefined (reading 'status')");

/** Just what MailboxIdler and poll() use of an ImapFlow; `list` is what each LIST-STATUS does. */
class FakeClient extends EventEmitter {
  usable = true;
  mailbox: { path: string; uidValidity: bigint; uidNext: number; exists: number } | false = false;
  constructor(public list: () => Promise<unknown[]> = async () => []) {
    super();
  }
  async mailboxOpen(path: string) {
    this.mailbox = { path, uidValidity: 7n, uidNext: 10, exists: 9 };
    return this.mailbox;
  }
  async status() {
    return { messages: 9, unseen: 1 };
  }
  async logout() {
    this.close();
  }
  close() {
    this.usable = false;
    this.emit('close');
  }
}

function setup(opens: Array<() => Promise<FakeClient>>) {
  const logged: Array<{ level: number; msg: string; err?: { message: string; stack: string } }> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const states: ImapState[] = [];
  const counts: unknown[] = [];
  let connected = () => undefined as void;
  const events: WatchEvents = {
    exists: () => undefined,
    expunged: () => undefined,
    flags: () => undefined,
    counts: (e) => void counts.push(e),
    state: (s) => {
      states.push(s);
      if (s === 'connected') connected();
    },
  };
  let attempts = 0;
  const connect = async () => {
    const open = opens[Math.min(attempts++, opens.length - 1)]!;
    return (await open()) as unknown as ImapFlow;
  };
  const watcher = new MailWatcher({ host: 'imap.example.test', port: 993, security: 'tls', caFile: null }, () => ({ user: 'u', pass: 'p' }), events, {
    pollSeconds: 3600,
    maxBackoffMs: 10,
    connect,
    log,
  });
  const reconnected = () => new Promise<void>((resolve) => (connected = resolve));
  return { watcher, logged, states, counts, reconnected, attempts: () => attempts };
}

const errors = (logged: ReturnType<typeof setup>['logged']) => logged.filter((l) => l.level >= 50);

describe('MailWatcher tells a dropped link from a bug', () => {
  it('a LIST-STATUS poll: a dropped link passes quietly, a bug is logged with its stack, and polling goes on', async () => {
    const answers: Array<() => Promise<unknown[]>> = [
      () => Promise.reject(coded('NoConnection')),
      () => Promise.reject(coded('EConnectionClosed')),
      () => Promise.reject(bug()),
      async () => [{ path: 'Sent', subscribed: true, status: { messages: 1, unseen: 0 } }],
      async () => [{ path: 'Sent', subscribed: true, status: { messages: 2, unseen: 0 } }],
    ];
    const client = new FakeClient(() => answers.shift()!());
    const t = setup([async () => client]);
    await t.watcher.watch('INBOX');
    await t.watcher.poll();
    await t.watcher.poll();
    expect(errors(t.logged)).toEqual([]);
    await t.watcher.poll();
    expect(errors(t.logged)).toHaveLength(1);
    expect(errors(t.logged)[0]).toMatchObject({ msg: expect.stringContaining('LIST-STATUS'), err: { message: expect.stringContaining('reading') } });
    expect(errors(t.logged)[0]!.err!.stack).toMatch(/TypeError[\s\S]*\n\s+at /);
    await t.watcher.poll();
    await t.watcher.poll();
    expect(t.counts).toEqual([{ path: 'Sent', total: 2, unread: 0 }]);
    await t.watcher.close();
  });

  it('connecting: a refused or reset link is retried quietly; a bug is logged and retried all the same', async () => {
    const t = setup([
      () => Promise.reject(toAppError(coded('ECONNREFUSED'))), // as connectImap throws it
      () => Promise.reject(coded('ECONNRESET')),
      () => Promise.reject(bug()),
      async () => new FakeClient(),
    ]);
    const back = t.reconnected();
    await expect(t.watcher.watch('INBOX')).rejects.toMatchObject({ code: 'IMAP_UNAVAILABLE' });
    await back;
    expect(t.attempts()).toBe(4);
    expect(t.states).toEqual(['connected']);
    expect(errors(t.logged)).toHaveLength(1);
    expect(errors(t.logged)[0]).toMatchObject({ msg: expect.stringContaining('connecting'), mailbox: 'INBOX' });
    expect(errors(t.logged)[0]!.err!.stack).toContain('TypeError');
    await t.watcher.close();
  });

  it('while IDLEing: an error event of a dropped link is quiet, any other is logged; both reconnect', async () => {
    const clients = [new FakeClient(), new FakeClient(), new FakeClient()];
    const t = setup(clients.map((c) => async () => c));
    await t.watcher.watch('INBOX');
    let back = t.reconnected();
    clients[0]!.emit('error', coded('ECONNRESET'));
    clients[0]!.close(); // imapflow closes after every 'error' it emits (emitError → closeAfter)
    await back;
    expect(errors(t.logged)).toEqual([]);
    back = t.reconnected();
    clients[1]!.emit('error', Object.assign(new Error('Unexpected token in response'), { code: 'ParserError' }));
    clients[1]!.close();
    await back;
    expect(errors(t.logged)).toHaveLength(1);
    expect(errors(t.logged)[0]).toMatchObject({ msg: expect.stringContaining('IDLE'), err: { message: 'Unexpected token in response' } });
    expect(t.states).toEqual(['reconnecting', 'connected', 'reconnecting', 'connected']);
    await t.watcher.close();
  });

  it('what fails after close() is no news: nothing is logged', async () => {
    const client = new FakeClient(() => new Promise((_, reject) => setTimeout(() => reject(bug()), 20)));
    const t = setup([async () => client]);
    await t.watcher.watch('INBOX');
    const polling = t.watcher.poll(); // in flight when the watcher closes
    await t.watcher.close();
    await polling;
    client.emit('error', bug());
    expect(errors(t.logged)).toEqual([]);
  });
});

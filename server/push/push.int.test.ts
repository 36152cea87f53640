import { beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { API } from '../../shared/api.js';
import { resyncResultSchema, type Ack, type MailboxState, type ResyncResult } from '../../shared/push.js';
import { compressUids } from '../../shared/uid-set.js';
import { deliver } from '../../e2e/mailserver/mailstack.js';
import { appendAll, uidsOf } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { connected, nextEvent, pushClient, type TestSocket } from '../../e2e/support/push-client.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Two users, two sessions, two real socket.io clients against the real
// Dovecot/Postfix: events come from IMAP IDLE on a second connection.
const stack = inject('mailstack');

function watch(socket: TestSocket, path: string): Promise<MailboxState> {
  return new Promise((resolve, reject) =>
    socket.emit('mailbox:watch', { path }, (res: Ack<MailboxState>) => (res.ok ? resolve(res.data) : reject(new Error(res.error.code)))),
  );
}

function refusal(socket: TestSocket): Promise<string> {
  return connected(socket).then(
    () => 'connected',
    (err: Error) => err.message,
  );
}

const mail = (to: string, subject: string) => deliver(stack, { from: 'alice@example.test', to: [to], raw: plainMessage('hello', { subject, to }) });

const webmail = useWebmail();
const a = useUser(webmail, { probe: true, push: true });
const b = useUser(webmail, { probe: true, push: true });

beforeAll(async () => {
  await Promise.all([watch(a.socket, 'INBOX'), watch(b.socket, 'INBOX')]);
});

describe('push over socket.io', () => {
  it('refuses a handshake without a session cookie, with a made-up one, or from another Origin', async () => {
    expect(await refusal(pushClient(webmail.app.url, webmail.app.caPem))).toBe('NOT_AUTHENTICATED');
    expect(await refusal(pushClient(webmail.app.url, webmail.app.caPem, { cookie: '__Host-webmail-session=' + 'x'.repeat(43) }))).toBe('NOT_AUTHENTICATED');
    expect(await refusal(pushClient(webmail.app.url, webmail.app.caPem, { cookie: a.api.sessionCookie, origin: 'https://evil.example' }))).toBe('FORBIDDEN_ORIGIN');
  });

  it("pushes a delivery through Postfix to the recipient's session only", async () => {
    let crossTalk = 0;
    const countB = () => crossTalk++;
    b.socket.on('mailbox:exists', countB);
    const seen = nextEvent(a.socket, 'mailbox:exists', (e) => e.path === 'INBOX' && e.count >= 1);
    const counts = nextEvent(a.socket, 'mailbox:counts', (e) => e.path === 'INBOX' && e.unread >= 1);
    await mail(a.user.address, 'Pushed to A');
    const e = await seen;
    expect(e.uidValidity).toMatch(/^\d+$/);
    expect(await counts).toMatchObject({ total: 1, unread: 1 });
    await new Promise((r) => setTimeout(r, 1000)); // B would have heard by now
    b.socket.off('mailbox:exists', countB);
    expect(crossTalk).toBe(0);
  });

  it('turns another client\'s flag change and expunge into events with UIDs', async () => {
    const arrived = nextEvent(a.socket, 'mailbox:exists');
    const [uid] = await appendAll(a.probe, 'INBOX', [plainMessage('x', { subject: 'Flag and expunge me' })]);
    // A change made before the watcher heard of the message arrives with it, not as a flag change.
    await arrived;
    const flagged = nextEvent(a.socket, 'message:flagsChanged', (e) => e.uid === uid && e.flags.includes('\\Flagged'));
    const lock = await a.probe.getMailboxLock('INBOX');
    try {
      await a.probe.messageFlagsAdd(String(uid), ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    expect(await flagged).toMatchObject({ path: 'INBOX', uid, modseq: expect.stringMatching(/^\d+$/) });
    const gone = nextEvent(a.socket, 'mailbox:expunged', (e) => e.uids.includes(uid!));
    const lock2 = await a.probe.getMailboxLock('INBOX');
    try {
      await a.probe.messageDelete(String(uid), { uid: true });
    } finally {
      lock2.release();
    }
    expect((await gone).uids).toEqual([uid]);
  });

  it('answers a resync with exactly what arrived, changed and vanished while the client was away', async () => {
    const base = await appendAll(a.probe, 'INBOX', [1, 2, 3].map((i) => plainMessage('x', { subject: `Before ${i}` })));
    const state = await watch(a.socket, 'INBOX');
    const known = await uidsOf(a.probe, 'INBOX');
    a.socket.disconnect();
    // While away: one new message, one flagged, one expunged.
    await mail(a.user.address, 'While away');
    const lock = await a.probe.getMailboxLock('INBOX');
    try {
      await a.probe.messageFlagsAdd(String(base[0]), ['\\Seen'], { uid: true });
      await a.probe.messageDelete(String(base[1]), { uid: true });
    } finally {
      lock.release();
    }
    let added: number[] = [];
    for (let i = 0; i < 50 && added.length === 0; i++) {
      added = (await uidsOf(a.probe, 'INBOX')).filter((u) => !known.includes(u));
      if (!added.length) await new Promise((r) => setTimeout(r, 100));
    }
    a.socket.connect();
    await connected(a.socket);
    const res = await new Promise<Ack<ResyncResult>>((resolve) =>
      a.socket.emit('resync', { path: 'INBOX', uidValidity: state.uidValidity, highestModseq: state.highestModseq, knownUids: compressUids(known) }, resolve),
    );
    expect(res.ok).toBe(true);
    const data = resyncResultSchema.parse((res as { data: unknown }).data);
    expect(data.uidValidityChanged).toBe(false);
    expect(data.added).toEqual(added);
    expect(data.vanished).toEqual([base[1]]);
    // \Deleted then expunge changes base[1] too, but it is gone; only the survivor's change is reported.
    expect(data.flags).toEqual([{ uid: base[0], flags: ['\\Seen'] }]);
  });

  it('refuses a malformed resync with VALIDATION_FAILED', async () => {
    const res = await new Promise<Ack<ResyncResult>>((resolve) =>
      a.socket.emit('resync', { path: 'INBOX', uidValidity: 'x', knownUids: '1:*' } as never, resolve),
    );
    expect(res).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('disconnects every socket of a session at logout, and only that session', async () => {
    const second = pushClient(webmail.app.url, webmail.app.caPem, { cookie: b.api.sessionCookie });
    onTestFinished(() => void second.close());
    await connected(second);
    const ended = nextEvent(b.socket, 'session:ended');
    const gone = new Promise<string>((resolve) => second.once('disconnect', (reason) => resolve(reason)));
    expect((await b.api.request('DELETE', API.session)).status).toBe(204);
    expect(await ended).toEqual({ code: 'SESSION_EXPIRED' });
    expect(await gone).toBe('io server disconnect');
    expect(a.socket.connected).toBe(true);
  });
});

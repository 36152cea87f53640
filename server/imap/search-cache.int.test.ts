import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { createUser } from '../../e2e/mailserver/mailstack.js';
import { appendAll, openProbe } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import type { Config } from '../config/config.js';
import { applyAction } from './actions.js';
import { listPage } from './messages.js';
import { MailSession } from './session.js';

/**
 * The session's caches against changes made elsewhere (issue 5 part 5): a
 * search is kept per HIGHESTMODSEQ for its flag criteria and per UIDVALIDITY
 * for its content; the plain UID order per UIDVALIDITY/UIDNEXT/EXISTS. Each
 * change below comes from a second IMAP connection, as from another client.
 */

const stack = inject('mailstack');
const imap: Config['imap'] = { host: stack.env.WEBMAIL_IMAP_HOST!, port: stack.imapsPort, security: 'tls', caFile: stack.caFile };
let session: MailSession;
let probe: ImapFlow;
let uids: number[];

const uidsOf = (page: { items: Array<{ uid: number }> }) => page.items.map((m) => m.uid);
/** The cached arrival order of a mailbox, as uid-index.ts keeps it. */
const plainOrder = (path: string) => (session.cache.get(`uids:${path}`) as Map<string, unknown> | undefined)?.get('arrival:desc');

beforeAll(async () => {
  const user = await createUser(stack);
  probe = await openProbe(stack.env, user);
  uids = await appendAll(
    probe,
    'INBOX',
    Array.from({ length: 6 }, (_, i) => plainMessage(i % 2 === 0 ? `the falcon report ${i}` : `nothing here ${i}`, { subject: `cache test ${i}` })),
  );
  session = await MailSession.open(imap, () => ({ user: user.address, pass: user.password }));
});

afterAll(async () => {
  await session?.close();
  await probe?.logout();
});

describe('search results follow changes made by another client', () => {
  it('marking a message read elsewhere changes an unread search at the next request; the plain order survives', async () => {
    const plain = await listPage(session, 'INBOX', 0, 50);
    expect(uidsOf(plain)).toEqual([...uids].reverse());
    const orderBefore = plainOrder('INBOX');
    expect(orderBefore).toBeDefined();

    const unread = await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { unread: true });
    expect(unread.total).toBe(6);
    const target = uids[2]!;

    const lock = await probe.getMailboxLock('INBOX');
    try {
      await probe.messageFlagsAdd(String(target), ['\\Seen'], { uid: true });
    } finally {
      lock.release();
    }

    const after = await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { unread: true });
    expect(after.total).toBe(5);
    expect(uidsOf(after)).not.toContain(target);
    const read = await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { unread: false });
    expect(uidsOf(read)).toEqual([target]);

    // A flag change is no change of membership: the plain order is the same object, not rebuilt.
    const plainAgain = await listPage(session, 'INBOX', 0, 50);
    expect(plainOrder('INBOX')).toBe(orderBefore);
    expect(plainAgain.items.find((m) => m.uid === target)?.flags).toContain('\\Seen');
  });

  it('flagging through our own connection changes a flagged search too', async () => {
    expect((await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { flagged: true })).total).toBe(0);
    await applyAction(session, { mailbox: 'INBOX', uids: [uids[4]!], action: 'flag' });
    expect(uidsOf(await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { flagged: true }))).toEqual([uids[4]]);
    // Combined with a content criterion, whose matches were kept: both parts still apply.
    expect(uidsOf(await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { body: 'falcon', flagged: false }))).toEqual([uids[2], uids[0]]);
  });

  it('new mail that matches a kept content search shows up; an expunged match drops out', async () => {
    const before = await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { body: 'falcon' });
    expect(uidsOf(before)).toEqual([uids[4], uids[2], uids[0]]);

    const [fresh] = await appendAll(probe, 'INBOX', [plainMessage('another falcon sighting', { subject: 'cache test new' }), plainMessage('unrelated', { subject: 'cache test other' })]);
    const grown = await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { body: 'falcon' });
    expect(uidsOf(grown)).toEqual([fresh, uids[4], uids[2], uids[0]]);

    const lock = await probe.getMailboxLock('INBOX');
    try {
      await probe.messageDelete(String(uids[2]), { uid: true });
    } finally {
      lock.release();
    }
    const shrunk = await listPage(session, 'INBOX', 0, 50, 'arrival', 'desc', { body: 'falcon' });
    expect(uidsOf(shrunk)).toEqual([fresh, uids[4], uids[0]]);
    expect(shrunk.total).toBe(3);
  });

  it('a mailbox rebuilt under the same name (new UIDVALIDITY) is searched afresh', async () => {
    await probe.mailboxCreate('Rebuilt');
    const [first] = await appendAll(probe, 'Rebuilt', [plainMessage('falcon in the old mailbox', { subject: 'old' })]);
    expect(uidsOf(await listPage(session, 'Rebuilt', 0, 50, 'arrival', 'desc', { body: 'falcon' }))).toEqual([first]);

    // Leave it on the session's side first, as another request would, so the next one selects it afresh.
    await listPage(session, 'INBOX', 0, 1);
    await probe.mailboxDelete('Rebuilt');
    await probe.mailboxCreate('Rebuilt');
    const [again] = await appendAll(probe, 'Rebuilt', [plainMessage('a different message', { subject: 'new' })]);
    expect(again).toBe(first); // the same UID, now another message
    const page = await listPage(session, 'Rebuilt', 0, 50, 'arrival', 'desc', { body: 'falcon' });
    expect(page.total).toBe(0);
    expect((await listPage(session, 'Rebuilt', 0, 50, 'arrival', 'desc', { body: 'different' })).items.map((m) => m.subject)).toEqual(['new']);
  });
});

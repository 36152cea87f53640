import { describe, expect, it } from 'vitest';
import { API, type MessageActionRequest } from '../../shared/api.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { appendAll, flagsOf, uidsOf } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';

const me = useUser(useWebmail(), { probe: true });

const act = (body: MessageActionRequest) => me.api.post(API.actions, body);
const fresh = (n: number, mailbox = 'INBOX') => appendAll(me.probe, mailbox, Array.from({ length: n }, (_, i) => plainMessage(`m${i}`)));

describe('actions, checked from a second IMAP connection', () => {
  it('mark read / unread and flag / unflag', async () => {
    const [a, b] = await fresh(2);
    expect((await act({ mailbox: 'INBOX', uids: [a!, b!], action: 'markRead' })).json).toEqual({ action: 'markRead', affected: 2, destination: null });
    expect(await flagsOf(me.probe, 'INBOX', a!)).toContain('\\Seen');
    await act({ mailbox: 'INBOX', uids: [a!], action: 'markUnread' });
    expect(await flagsOf(me.probe, 'INBOX', a!)).not.toContain('\\Seen');
    expect(await flagsOf(me.probe, 'INBOX', b!)).toContain('\\Seen');
    await act({ mailbox: 'INBOX', uids: [b!], action: 'flag' });
    expect(await flagsOf(me.probe, 'INBOX', b!)).toContain('\\Flagged');
    await act({ mailbox: 'INBOX', uids: [b!], action: 'unflag' });
    expect(await flagsOf(me.probe, 'INBOX', b!)).not.toContain('\\Flagged');
  });

  it('move to another folder', async () => {
    const [a] = await fresh(1);
    const before = (await uidsOf(me.probe, 'Archive')).length;
    const res = await act({ mailbox: 'INBOX', uids: [a!], action: 'move', target: 'Archive' });
    expect(res.json).toEqual({ action: 'move', affected: 1, destination: 'Archive' });
    expect(await uidsOf(me.probe, 'INBOX')).not.toContain(a);
    expect((await uidsOf(me.probe, 'Archive')).length).toBe(before + 1);
  });

  it('delete moves to Trash; delete in Trash expunges', async () => {
    const [a] = await fresh(1);
    const trashBefore = await uidsOf(me.probe, 'Trash');
    expect((await act({ mailbox: 'INBOX', uids: [a!], action: 'delete' })).json).toMatchObject({ affected: 1, destination: 'Trash' });
    expect(await uidsOf(me.probe, 'INBOX')).not.toContain(a);
    const trashAfter = await uidsOf(me.probe, 'Trash');
    expect(trashAfter.length).toBe(trashBefore.length + 1);
    const inTrash = trashAfter.filter((u) => !trashBefore.includes(u));
    expect((await act({ mailbox: 'Trash', uids: inTrash, action: 'delete' })).json).toMatchObject({ affected: 1, destination: null });
    expect(await uidsOf(me.probe, 'Trash')).toEqual(trashBefore);
  });

  it('mark as spam moves to Junk with $Junk; not spam brings it back to INBOX with $NotJunk', async () => {
    const [a] = await fresh(1);
    expect((await act({ mailbox: 'INBOX', uids: [a!], action: 'markSpam' })).json).toMatchObject({ affected: 1, destination: 'Junk' });
    const [junkUid] = (await uidsOf(me.probe, 'Junk')).slice(-1);
    expect(await flagsOf(me.probe, 'Junk', junkUid!)).toContain('$Junk');
    expect((await act({ mailbox: 'Junk', uids: [junkUid!], action: 'markNotSpam' })).json).toMatchObject({ affected: 1, destination: 'INBOX' });
    const [back] = (await uidsOf(me.probe, 'INBOX')).slice(-1);
    const flags = await flagsOf(me.probe, 'INBOX', back!);
    expect(flags).toContain('$NotJunk');
    expect(flags).not.toContain('$Junk');
  });

  it('"not spam" in INBOX and "spam" in Junk change the verdict keyword and leave the message where it is', async () => {
    const [a] = await fresh(1);
    expect((await act({ mailbox: 'INBOX', uids: [a!], action: 'markNotSpam' })).json).toMatchObject({ affected: 1, destination: null });
    expect(await flagsOf(me.probe, 'INBOX', a!)).toContain('$NotJunk');
    const [j] = await fresh(1, 'Junk');
    expect((await act({ mailbox: 'Junk', uids: [j!], action: 'markSpam' })).json).toMatchObject({ affected: 1, destination: null });
    expect(await flagsOf(me.probe, 'Junk', j!)).toContain('$Junk');
  });

  it('UIDs that no longer exist are skipped and counted honestly', async () => {
    const [a] = await fresh(1);
    const res = await act({ mailbox: 'INBOX', uids: [a!, 987654], action: 'flag' });
    expect(res.json).toMatchObject({ affected: 1 });
    expect((await act({ mailbox: 'INBOX', uids: [987654], action: 'delete' })).json).toMatchObject({ affected: 0 });
  });

  it('bad requests get a clear error: unknown action, move without or to a missing target, unknown mailbox', async () => {
    const [a] = await fresh(1);
    expect((await me.api.post(API.actions, { mailbox: 'INBOX', uids: [a], action: 'explode' })).json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'action' } });
    expect((await me.api.post(API.actions, { mailbox: 'INBOX', uids: [a], action: 'move' })).json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'target' } });
    expect((await act({ mailbox: 'INBOX', uids: [a!], action: 'move', target: 'Nowhere' })).json).toMatchObject({ error: { code: 'MAILBOX_NOT_FOUND' } });
    expect((await act({ mailbox: 'Nowhere', uids: [a!], action: 'flag' })).json).toMatchObject({ error: { code: 'MAILBOX_NOT_FOUND' } });
    expect((await me.api.post(API.actions, { mailbox: 'INBOX', uids: [], action: 'flag' })).status).toBe(400);
    expect(await uidsOf(me.probe, 'INBOX')).toContain(a);
  });
});

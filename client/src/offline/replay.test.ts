import { describe, expect, it } from 'vitest';
import { MESSAGE_ACTIONS, type MessageActionRequest } from '../../../shared/api.js';
import { i18n } from '../i18n/index.js';
import { replayQueue } from './replay.js';
import { memoryBackend, OfflineStore } from './store.js';

const A = 'ann@example.test';
const err = (code: string) => Object.assign(new Error(code), { code });

async function queueOf(...requests: MessageActionRequest[]) {
  const store = new OfflineStore(memoryBackend());
  for (const r of requests) await store.enqueue(A, r);
  return store;
}

const flag1: MessageActionRequest = { mailbox: 'INBOX', uids: [1], action: 'flag' };
const read2: MessageActionRequest = { mailbox: 'INBOX', uids: [2], action: 'markRead' };
const move3: MessageActionRequest = { mailbox: 'INBOX', uids: [3], action: 'move', target: 'Archive' };

describe('replaying the offline queue', () => {
  it('sends the actions one at a time in the order they were made, and empties the queue', async () => {
    const store = await queueOf(flag1, read2, move3);
    const sent: MessageActionRequest[] = [];
    let inFlight = 0;
    const result = await replayQueue(store, A, async (r) => {
      expect(inFlight).toBe(0);
      inFlight++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(r);
      inFlight--;
    });
    expect(sent).toEqual([flag1, read2, move3]);
    expect(result).toMatchObject({ remaining: 0, refused: [] });
    expect(await store.queued(A)).toEqual([]);
  });

  it('drops an action the server refuses, says which one and why, and carries on with the next', async () => {
    const store = await queueOf(flag1, move3, read2);
    const sent: MessageActionRequest[] = [];
    const result = await replayQueue(store, A, async (r) => {
      if (r.action === 'move') throw err('MAILBOX_NOT_FOUND');
      sent.push(r);
    });
    expect(sent).toEqual([flag1, read2]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]!.sentence).toBe(
      '“Move” on a message made while offline was not applied: This folder no longer exists. It may have been renamed or deleted.',
    );
    expect(await store.queued(A)).toEqual([]);
  });

  it('stops at a network failure and keeps that action and the later ones, in order, for the next try', async () => {
    const store = await queueOf(flag1, read2, move3);
    const result = await replayQueue(store, A, async (r) => {
      if (r.action === 'markRead') throw err('NETWORK_ERROR');
    });
    expect(result).toMatchObject({ sent: [flag1], refused: [], remaining: 2 });
    expect((await store.queued(A)).map((q) => q.request)).toEqual([read2, move3]);
  });

  it('says which action could not be sent yet and why, when a transient failure stops the run', async () => {
    const store = await queueOf(flag1, read2);
    const result = await replayQueue(store, A, async (r) => {
      if (r.action === 'markRead') throw err('IMAP_UNAVAILABLE');
    });
    expect(result.stalled?.request).toEqual(read2);
    expect(result.stalled?.sentence).toMatch(/^“Mark as read” on a message could not be sent yet: \S/);
    expect(result.stalled?.sentence).not.toContain('codes.');
  });

  it('keeps the queue when the session is gone (sign in again, then it goes out)', async () => {
    const store = await queueOf(flag1);
    const result = await replayQueue(store, A, async () => {
      throw err('SESSION_EXPIRED');
    });
    expect(result.remaining).toBe(1);
    expect(await store.queued(A)).toHaveLength(1);
  });

  it('has words for every message action, so a refusal never shows a translation key', () => {
    const missing = MESSAGE_ACTIONS.filter((a) => !i18n.exists(`offline.actions.${a}`, { ns: 'common', lng: 'en' }));
    expect(missing).toEqual([]);
  });
});

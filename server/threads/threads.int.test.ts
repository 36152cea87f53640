import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API, summariesSchema } from '../../shared/api.js';
import { COMPOSE_API, outboxEntrySchema, type Draft } from '../../shared/compose.js';
import { CONVERSATION_MESSAGES_MAX, conversationSchema, threadPageSchema, type ThreadMethod } from '../../shared/threads.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { loadThreads } from '../imap/thread-index.js';
import { settled } from '../../e2e/support/compose.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Threads of a small mailbox whose chains are known, by each method, and the
// conversation API with a reply really sent through the webmail.

let sentPath: string;
const FRIEND = 'Friend <friend@elsewhere.example>';
const day = (n: number) => new Date(Date.UTC(2024, 0, n, 12));

/** The fixture, appended in this order; the comment is the chain each one makes. */
const INBOX = {
  a: plainMessage('Shall we plan?', { from: FRIEND, subject: 'Plans', messageId: '<a@t.example>', date: day(1) }),
  b: plainMessage('Yes.', { from: FRIEND, subject: 'Re: Plans', messageId: '<b@t.example>', date: day(2), headers: { 'In-Reply-To': '<a@t.example>', References: '<a@t.example>' } }),
  // A reply to a reply.
  c: plainMessage('When?', { from: 'Other <other@elsewhere.example>', subject: 'Re: Plans', messageId: '<c@t.example>', date: day(3), headers: { 'In-Reply-To': '<b@t.example>', References: '<a@t.example> <b@t.example>' } }),
  // Two answers to a message that is not in the mailbox.
  d: plainMessage('Lunch?', { from: FRIEND, subject: 'Lunch?', messageId: '<d@t.example>', date: day(4), headers: { 'In-Reply-To': '<gone@t.example>', References: '<gone@t.example>' } }),
  e: plainMessage('Sure', { from: FRIEND, subject: 'Re: Lunch?', messageId: '<e@t.example>', date: day(5), headers: { 'In-Reply-To': '<gone@t.example>', References: '<gone@t.example>' } }),
  f: plainMessage('Other things', { from: FRIEND, subject: 'Unrelated', messageId: '<f@t.example>', date: day(6) }),
  // Same subject, no References: only REFERENCES/JWZ gather it by subject.
  g: plainMessage('Me too', { from: FRIEND, subject: 'Re: Plans', messageId: '<g@t.example>', date: day(7) }),
  // References cut to the last ID: still below c.
  h: plainMessage('Tuesday', { from: FRIEND, subject: 'Re: Plans', messageId: '<h@t.example>', date: day(8), headers: { 'In-Reply-To': '<c@t.example>', References: '<c@t.example>' } }),
  i: plainMessage('Also', { from: FRIEND, subject: 'Re: Plans', messageId: '<i@t.example>', date: day(9), headers: { 'In-Reply-To': '<a@t.example>', References: '<a@t.example>' } }),
  // The answer to a message the user sent (in Sent, below).
  y: plainMessage('Nice trip', { from: FRIEND, subject: 'Re: Trip', messageId: '<y@t.example>', date: day(11), headers: { 'In-Reply-To': '<x@t.example>', References: '<x@t.example>' } }),
};
type Key = keyof typeof INBOX;
const uid = {} as Record<Key, number>;
let sentTrip: number;
let sentUnrelated: number[];

const webmail = useWebmail({ WEBMAIL_UNDO_SEND_SECONDS: '0' });
const me = useUser(webmail, {
  probe: true,
  seed: async ({ user, probe }) => {
    const keys = Object.keys(INBOX) as Key[];
    const uids = await appendAll(probe, 'INBOX', Object.values(INBOX), ['\\Seen']);
    keys.forEach((k, n) => (uid[k] = uids[n]!));
    const sent = (await probe.list()).find((m) => m.specialUse === '\\Sent');
    if (!sent) throw new Error('the test account has no \\Sent folder');
    sentPath = sent.path;
    const sentUids = await appendAll(
      probe,
      sentPath,
      [
        plainMessage('Off to the hills', { from: user.address, to: FRIEND, subject: 'Trip', messageId: '<x@t.example>', date: day(10) }),
        plainMessage('Not this one', { from: user.address, to: FRIEND, subject: 'Re: Plans', messageId: '<s1@t.example>', date: day(12) }),
        plainMessage('Nor this', { from: user.address, to: FRIEND, subject: 'Re: Elsewhere', messageId: '<s2@t.example>', date: day(13), headers: { 'In-Reply-To': '<elsewhere@t.example>', References: '<elsewhere@t.example>' } }),
      ],
      ['\\Seen'],
    );
    sentTrip = sentUids[0]!;
    sentUnrelated = sentUids.slice(1);
  },
});

/** Threads as sorted lists of [key, depth], in a canonical order, whatever order the method gave. */
async function structure(method: ThreadMethod): Promise<Array<Array<[string, number]>>> {
  const keyOf = new Map(Object.entries(uid).map(([k, u]) => [u, k]));
  const lock = await me.probe.getMailboxLock('INBOX', { readOnly: true });
  try {
    const flat = await loadThreads(me.probe, method);
    return flat.starts
      .map((start, t) => flat.uids.slice(start, flat.starts[t + 1] ?? flat.uids.length).map((u, k) => [keyOf.get(u)!, flat.depths[start + k]!] as [string, number]))
      .sort((x, y) => x[0]![0].localeCompare(y[0]![0]));
  } finally {
    lock.release();
  }
}

describe('threading methods', () => {
  it('REFS (RFC 5957) follows References only', async () => {
    expect(await structure('refs')).toEqual([
      [['a', 0], ['b', 1], ['c', 2], ['h', 3], ['i', 1]],
      [['d', 0], ['e', 0]],
      [['f', 0]],
      [['g', 0]],
      [['y', 0]],
    ]);
  });

  for (const method of ['references', 'jwz'] as const) {
    it(`${method} also gathers a reply by its subject (RFC 5256 §3 step 5)`, async () => {
      expect(await structure(method)).toEqual([
        [['a', 0], ['b', 1], ['c', 2], ['h', 3], ['g', 1], ['i', 1]],
        [['d', 0], ['e', 0]],
        [['f', 0]],
        [['y', 0]],
      ]);
    });
  }
});

describe('thread pages', () => {
  const page = async (offset: number, limit: number) => {
    const res = await me.api.get(`${API.threads}?mailbox=INBOX&offset=${offset}&limit=${limit}`);
    expect(res.status).toBe(200);
    return threadPageSchema.parse(res.json);
  };

  it('lists threads by newest activity, paged by thread, with counts, flags and participants', async () => {
    const lock = await me.probe.getMailboxLock('INBOX');
    try {
      await me.probe.messageFlagsRemove(`${uid.c},${uid.h}`, ['\\Seen'], { uid: true });
      await me.probe.messageFlagsAdd(String(uid.b), ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    const pages = [await page(0, 2), await page(2, 2), await page(4, 2)];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.offset)).toEqual([0, 2, 4]);
    const items = pages.flatMap((p) => p.items);
    expect(items.map((t) => t.id)).toEqual([uid.y, uid.a, uid.g, uid.f, uid.d]);
    const plans = items[1]!;
    expect(plans.uids).toEqual([uid.a, uid.b, uid.c, uid.h, uid.i]);
    expect(plans.depths).toEqual([0, 1, 2, 3, 1]);
    expect(plans.latest.uid).toBe(uid.i);
    expect(plans.unread).toBe(2);
    expect(plans.flagged).toBe(true);
    expect(plans.participants.map((p) => p.address)).toEqual(['friend@elsewhere.example', 'other@elsewhere.example']);
    const lunch = items[4]!;
    expect(lunch.uids).toEqual([uid.d, uid.e]);
    expect([lunch.unread, lunch.flagged]).toEqual([0, false]);
    expect((await page(5, 50)).items).toEqual([]);
  });

  it('a new reply moves its thread to the top', async () => {
    const [late] = await appendAll(me.probe, 'INBOX', [
      plainMessage('Late', { from: FRIEND, subject: 'Re: Lunch?', messageId: '<late@t.example>', date: day(20), headers: { 'In-Reply-To': '<e@t.example>', References: '<gone@t.example> <e@t.example>' } }),
    ]);
    const top = (await page(0, 1)).items[0]!;
    expect(top.uids).toEqual([uid.d, uid.e, late]);
    expect(top.depths).toEqual([0, 0, 1]);
    expect(top.latest.subject).toBe('Re: Lunch?');
    expect(top.unread).toBe(1);
  });

  it('summaries come back in the order asked, without UIDs that are gone', async () => {
    const res = await me.api.get(`${API.summaries}?mailbox=INBOX&uids=${uid.h},${uid.a},999999,${uid.c}`);
    expect(res.status).toBe(200);
    expect(summariesSchema.parse(res.json).items.map((m) => [m.uid, m.subject])).toEqual([
      [uid.h, 'Re: Plans'],
      [uid.a, 'Plans'],
      [uid.c, 'Re: Plans'],
    ]);
  });
});

/** The UID of the Sent copy whose body holds `marker`, once the webmail has filed it. */
async function sentCopyOf(marker: string): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const lock = await me.probe.getMailboxLock(sentPath);
    try {
      await me.probe.noop();
      const found = (await me.probe.search({ body: marker }, { uid: true })) || [];
      if (found.length === 1) return found[0]!;
    } finally {
      lock.release();
    }
    if (Date.now() > deadline) throw new Error(`no copy of the reply ${marker} in ${sentPath}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('conversations', () => {
  const conversation = async (mailbox: string, u: number) => {
    const res = await me.api.get(`${API.conversation}?mailbox=${encodeURIComponent(mailbox)}&uid=${u}`);
    expect(res.status).toBe(200);
    return conversationSchema.parse(res.json);
  };

  it('holds the thread and the reply the user sent through the webmail, oldest first, and no unrelated Sent mail', async () => {
    const pre = await me.api.get<Draft>(`${COMPOSE_API.prefill}?mode=reply&mailbox=INBOX&uid=${uid.c}`);
    expect(pre.status).toBe(200);
    const marker = randomBytes(4).toString('hex');
    const draft: Draft = { ...pre.json, format: 'text', text: `Tuesday suits me ${marker}\n\n${pre.json.text}` };
    const res = await me.api.post(COMPOSE_API.send, { draft, sendAt: null });
    expect(res.status).toBe(202);
    expect(await settled(me.api, outboxEntrySchema.parse(res.json).id)).toBeNull();
    const replyUid = await sentCopyOf(marker);

    const conv = await conversation('INBOX', uid.b);
    expect(conv.subject).toBe('Plans');
    expect(conv.messages.map((m) => [m.path, m.uid])).toEqual([
      ['INBOX', uid.a],
      ['INBOX', uid.b],
      ['INBOX', uid.c],
      ['INBOX', uid.h],
      ['INBOX', uid.i],
      [sentPath, replyUid],
    ]);
    expect(conv.omitted).toBe(0);
    const reply = conv.messages.at(-1)!;
    expect(reply.inReplyTo).toBe('<c@t.example>');
    expect(reply.text ?? reply.html).toContain(marker);
    expect(reply.from?.address).toBe(me.address);
    // Bodies come whole, as the single-message reader gets them.
    expect(conv.messages[0]!.text).toContain('Shall we plan?');
    // The same-subject Sent message without References is not part of it.
    expect(conv.messages.some((m) => m.path === sentPath && sentUnrelated.includes(m.uid))).toBe(false);
  });

  it('includes the message in Sent that the thread answers', async () => {
    const conv = await conversation('INBOX', uid.y);
    expect(conv.messages.map((m) => [m.path, m.uid])).toEqual([
      [sentPath, sentTrip],
      ['INBOX', uid.y],
    ]);
    expect(conv.subject).toBe('Trip');
  });

  it(`keeps the newest ${CONVERSATION_MESSAGES_MAX} messages of a longer thread and counts the others`, async () => {
    const raws = Array.from({ length: CONVERSATION_MESSAGES_MAX + 5 }, (_, n) =>
      plainMessage(`Part ${n}`, {
        from: FRIEND,
        subject: n === 0 ? 'Long one' : 'Re: Long one',
        messageId: `<long${n}@t.example>`,
        date: new Date(Date.UTC(2024, 1, 1, 0, n)),
        headers: n === 0 ? {} : { 'In-Reply-To': '<long0@t.example>', References: '<long0@t.example>' },
      }),
    );
    const uids = await appendAll(me.probe, 'INBOX', raws, ['\\Seen']);
    const conv = await conversation('INBOX', uids.at(-1)!);
    expect(conv.omitted).toBe(5);
    expect(conv.messages.map((m) => m.uid)).toEqual(uids.slice(5));
    expect(conv.subject).toBe('Re: Long one');
  });

  it('a message alone is a conversation of one', async () => {
    const conv = await conversation('INBOX', uid.f);
    expect(conv.messages.map((m) => m.uid)).toEqual([uid.f]);
    expect(conv.messages[0]!.text).toContain('Other things');
  });
});

describe('bad input', () => {
  const expectError = async (path: string, status: number, code: string, field?: string) => {
    const res = await me.api.get(path);
    expect(res.status, path).toBe(status);
    expect(res.json, path).toMatchObject({ error: { code, ...(field ? { field } : {}) } });
  };

  it('a UID that is not there is MESSAGE_NOT_FOUND', async () => {
    await expectError(`${API.conversation}?mailbox=INBOX&uid=4000000000`, 404, 'MESSAGE_NOT_FOUND');
    await expectError(`${API.summaries}?mailbox=INBOX&uids=4000000000,4000000001`, 404, 'MESSAGE_NOT_FOUND');
  });

  it('an unknown mailbox is MAILBOX_NOT_FOUND', async () => {
    await expectError(`${API.threads}?mailbox=No%20such%20folder`, 404, 'MAILBOX_NOT_FOUND');
    await expectError(`${API.conversation}?mailbox=No%20such%20folder&uid=1`, 404, 'MAILBOX_NOT_FOUND');
    await expectError(`${API.summaries}?mailbox=No%20such%20folder&uids=1`, 404, 'MAILBOX_NOT_FOUND');
  });

  it('malformed parameters are 400 VALIDATION_FAILED naming the field', async () => {
    await expectError(`${API.threads}`, 400, 'VALIDATION_FAILED', 'mailbox');
    await expectError(`${API.threads}?mailbox=INBOX&offset=-1`, 400, 'VALIDATION_FAILED', 'offset');
    await expectError(`${API.threads}?mailbox=INBOX&limit=0`, 400, 'VALIDATION_FAILED', 'limit');
    await expectError(`${API.threads}?mailbox=INBOX&limit=201`, 400, 'VALIDATION_FAILED', 'limit');
    await expectError(`${API.threads}?mailbox=INBOX&offset=abc`, 400, 'VALIDATION_FAILED', 'offset');
    await expectError(`${API.conversation}?mailbox=INBOX`, 400, 'VALIDATION_FAILED', 'uid');
    await expectError(`${API.conversation}?mailbox=INBOX&uid=0`, 400, 'VALIDATION_FAILED', 'uid');
    await expectError(`${API.conversation}?mailbox=INBOX&uid=1e3x`, 400, 'VALIDATION_FAILED', 'uid');
    await expectError(`${API.conversation}?mailbox=INBOX&uid=99999999999`, 400, 'VALIDATION_FAILED', 'uid');
    await expectError(`${API.summaries}?mailbox=INBOX`, 400, 'VALIDATION_FAILED', 'uids');
    await expectError(`${API.summaries}?mailbox=INBOX&uids=1:*`, 400, 'VALIDATION_FAILED', 'uids');
    await expectError(`${API.summaries}?mailbox=INBOX&uids=1%20OR%202`, 400, 'VALIDATION_FAILED', 'uids');
    await expectError(`${API.summaries}?mailbox=INBOX&uids=1:201`, 400, 'VALIDATION_FAILED', 'uids');
    await expectError(`${API.summaries}?mailbox=INBOX&uids=0`, 400, 'VALIDATION_FAILED', 'uids');
  });

  it('after all that the session still works', async () => {
    expect((await me.api.get(`${API.threads}?mailbox=INBOX`)).status).toBe(200);
  });
});

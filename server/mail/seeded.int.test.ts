import { beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { messageDetailSchema, messagePageSchema, type MessageSummary } from '../../shared/mail.js';
import { deliver, SEEDED, seedRealisticMail, waitForMessage } from '../../e2e/mailserver/mailstack.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { BULK_ACCOUNT, seedBulk, useUser, useWebmail } from '../../e2e/support/fixtures.js';

const stack = inject('mailstack');
let inbox: MessageSummary[];

const q = (mailbox: string) => `mailbox=${encodeURIComponent(mailbox)}`;
const bySubject = (subject: string) => {
  const row = inbox.find((m) => m.subject === subject);
  if (!row) throw new Error(`no seeded message "${subject}"`);
  return row;
};

const webmail = useWebmail();
const me = useUser(webmail, { seed: ({ user }) => seedRealisticMail(stack, user.address) });

beforeAll(async () => {
  inbox = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&limit=200`)).json).items;
});

describe('the seeded realistic mailbox through the API', () => {
  it('rows are newest first by arrival and span five years', () => {
    const dates = inbox.map((m) => Date.parse(m.date));
    expect(Math.min(...dates)).toBeLessThan(SEEDED.lastDate.getTime() - 4 * 365 * 86400_000);
  });

  it('an RFC 2231 non-ASCII attachment name is decoded and its bytes stream intact', async () => {
    const row = bySubject(SEEDED.rfc2231Attachment.subject);
    expect(row.hasAttachments).toBe(true);
    const m = messageDetailSchema.parse((await me.api.get(`${API.message(row.uid)}?${q('INBOX')}`)).json);
    const att = m.attachments.find((a) => a.filename === SEEDED.rfc2231Attachment.filename);
    expect(att, JSON.stringify(m.attachments)).toBeDefined();
    const dl = await me.api.get(`${API.attachment(row.uid, att!.partId)}?${q('INBOX')}`);
    expect(dl.body.equals(SEEDED.rfc2231Attachment.data)).toBe(true);
    expect(String(dl.headers['content-disposition'])).toContain("filename*=UTF-8''Pr%C3%A4sentation_%C3%9Cbersicht_Q3.pdf");
  });

  it('an inline cid: image is served inline only as an image, and is not a paperclip', async () => {
    const row = bySubject(SEEDED.inlineImage.subject);
    expect(row.hasAttachments).toBe(false);
    const m = messageDetailSchema.parse((await me.api.get(`${API.message(row.uid)}?${q('INBOX')}`)).json);
    const img = m.attachments.find((a) => a.inline && a.contentId);
    expect(img).toBeDefined();
    expect(m.html).toContain(`cid:${img!.contentId}`);
    const res = await me.api.get(`${API.attachment(row.uid, img!.partId)}?${q('INBOX')}&inline=1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe('inline');
    expect(res.body.equals(SEEDED.inlineImage.data)).toBe(true);
  });

  it('the seeded spam is flagged in the list and in the reader', async () => {
    const row = bySubject(SEEDED.spam.subject);
    expect(row.spam).toBe(true);
    const m = messageDetailSchema.parse((await me.api.get(`${API.message(row.uid)}?${q('INBOX')}`)).json);
    expect(m.spam.tagged).toBe(true);
    const junk = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('Junk')}`)).json);
    expect(junk.items.filter((r) => r.spam).length).toBeGreaterThanOrEqual(SEEDED.spam.junkCount);
  });

  it('the seeded malformed message opens with what could be read', async () => {
    const row = inbox.find((m) => m.subject === SEEDED.malformed.subject);
    expect(row).toBeDefined();
    const res = await me.api.get(`${API.message(row!.uid)}?${q('INBOX')}`);
    expect(res.status).toBe(200);
    const m = messageDetailSchema.parse(res.json);
    expect(`${m.text ?? ''}${m.html ?? ''}`.trim().length).toBeGreaterThan(0);
  });

  it('mail delivered through Postfix (SMTP → LMTP → Dovecot) appears at the top of the list', async () => {
    const subject = `Delivered ${Date.now()}`;
    await deliver(stack, { from: 'carol@elsewhere.test', to: [me.address], raw: plainMessage('via postfix', { subject, to: me.address, from: 'carol@elsewhere.test' }) });
    await waitForMessage(stack, me.address, subject);
    const page = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&limit=1`)).json);
    expect(page.items[0]).toMatchObject({ subject, from: { address: 'carol@elsewhere.test' } });
  });
});

describe('the 100,000-message mailbox', () => {
  const FOLDER = 'Bulk';
  const COUNT = 100_000;
  let uidsDesc: number[];
  const bulk = useUser(webmail, { account: BULK_ACCOUNT, probe: true, seed: seedBulk(FOLDER, COUNT), timeout: 240_000 });

  beforeAll(async () => {
    await bulk.probe.mailboxOpen(FOLDER, { readOnly: true });
    uidsDesc = ((await bulk.probe.search({ all: true }, { uid: true })) || []).sort((a, b) => b - a);
  });

  it('pages at the top, the middle and the end equal a direct UID SEARCH', async () => {
    expect(uidsDesc).toHaveLength(COUNT);
    for (const offset of [0, 50_000, COUNT - 50]) {
      const page = messagePageSchema.parse((await bulk.api.get(`${API.messages}?${q(FOLDER)}&offset=${offset}&limit=50`)).json);
      expect(page.total).toBe(COUNT);
      expect(page.items.map((m) => m.uid)).toEqual(uidsDesc.slice(offset, offset + 50));
      expect(page.items.every((m) => m.subject.length > 0 && m.from !== null)).toBe(true);
    }
  });

  it('the mailbox list counts all of them', async () => {
    const res = await bulk.api.get<{ mailboxes: Array<{ path: string; total: number }> }>(API.mailboxes);
    expect(res.json.mailboxes.find((m) => m.path === FOLDER)?.total).toBe(COUNT);
  });
});

import { describe, expect, it } from 'vitest';
import { API } from '../../shared/api.js';
import { mailboxListSchema, messageDetailSchema, messagePageSchema, type Mailbox } from '../../shared/mail.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { htmlMessage, messageWithAttachment, plainMessage } from '../../e2e/support/messages.js';

let uids: { plain: number[]; html: number; attachment: number; spam: number; malformed: number; utf8: number };
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 7), Buffer.from('\n%%EOF\n')]);

const webmail = useWebmail();
const me = useUser(webmail, {
  probe: true,
  seed: async ({ probe }) => {
    const plain = await appendAll(
      probe,
      'INBOX',
      Array.from({ length: 120 }, (_, i) => plainMessage(`Body ${i}`, { subject: `Numbered ${i}`, date: new Date(Date.UTC(2022, 0, 1 + i)) })),
    );
    const [html, attachment, spam, malformed, utf8] = await appendAll(probe, 'INBOX', [
      htmlMessage('<p>Hello <b>HTML</b><img src="https://tracker.example.com/p.png"></p>', { subject: 'An HTML mail' }),
      messageWithAttachment('See the PDF', { name: 'report.pdf', type: 'application/pdf', content: pdf }, { subject: 'With attachment' }),
      plainMessage('Buy now', { subject: '[SPAM] Cheap watches', headers: { 'X-Spam-Status': 'Yes, score=9.1 required=5.0', 'X-Spam-Flag': 'YES' } }),
      'Subject: broken\r\nContent-Type: multipart/mixed; boundary="never-used"\r\n\r\nText that lost its boundary\r\n',
      plainMessage('Grüße aus Köln ✓', { subject: '=?UTF-8?B?R3LDvMOfZSDwn5iA?=', from: '=?ISO-8859-1?Q?Andr=E9?= <andre@example.test>' }),
    ]);
    uids = { plain, html: html!, attachment: attachment!, spam: spam!, malformed: malformed!, utf8: utf8! };
  },
});

const q = (mailbox: string) => `mailbox=${encodeURIComponent(mailbox)}`;

describe('mailboxes', () => {
  it('lists the special-use folders with roles, and counts equal the server STATUS', async () => {
    const res = await me.api.get(API.mailboxes);
    expect(res.status).toBe(200);
    const { mailboxes } = mailboxListSchema.parse(res.json);
    const roles = new Map(mailboxes.map((m: Mailbox) => [m.specialUse, m.path]));
    for (const role of ['inbox', 'drafts', 'sent', 'trash', 'junk', 'archive'] as const) expect(roles.has(role), role).toBe(true);
    const inbox = mailboxes.find((m) => m.path === 'INBOX')!;
    const status = await me.probe.status('INBOX', { messages: true, unseen: true });
    if (!status) throw new Error('STATUS failed');
    expect(inbox.total).toBe(status.messages);
    expect(inbox.unread).toBe(status.unseen);
    expect(inbox.total).toBe(125);
  });
});

describe('message list', () => {
  it('pages newest first by UID, with decoded rows', async () => {
    const first = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&offset=0&limit=50`)).json);
    expect(first.total).toBe(125);
    expect(first.items).toHaveLength(50);
    const all = [...uids.plain, uids.html, uids.attachment, uids.spam, uids.malformed, uids.utf8].sort((a, b) => b - a);
    expect(first.items.map((m) => m.uid)).toEqual(all.slice(0, 50));
    const last = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&offset=100&limit=50`)).json);
    expect(last.items.map((m) => m.uid)).toEqual(all.slice(100));

    const byUid = new Map(first.items.map((m) => [m.uid, m]));
    expect(byUid.get(uids.attachment)).toMatchObject({ subject: 'With attachment', hasAttachments: true, spam: false });
    expect(byUid.get(uids.html)).toMatchObject({ hasAttachments: false });
    expect(byUid.get(uids.spam)).toMatchObject({ spam: true });
    expect(byUid.get(uids.utf8)).toMatchObject({ subject: 'Grüße 😀', from: { name: 'André', address: 'andre@example.test' } });
    expect(byUid.get(uids.plain.at(-1)!)!.date).toBe(new Date(Date.UTC(2022, 0, 120)).toISOString());
  });

  it('an offset past the end is an empty page, a bad limit is a 400, an unknown mailbox a 404', async () => {
    const past = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&offset=5000`)).json);
    expect(past.items).toEqual([]);
    const bad = await me.api.get(`${API.messages}?${q('INBOX')}&limit=100000`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'limit' } });
    const missing = await me.api.get(`${API.messages}?${q('No such folder')}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'MAILBOX_NOT_FOUND' } });
  });

  it('sees mail that arrived after the first page was loaded', async () => {
    const before = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&limit=5`)).json);
    const [fresh] = await appendAll(me.probe, 'INBOX', [plainMessage('late', { subject: 'Arrived later' })]);
    const after = messagePageSchema.parse((await me.api.get(`${API.messages}?${q('INBOX')}&limit=5`)).json);
    expect(after.total).toBe(before.total + 1);
    expect(after.items[0]).toMatchObject({ uid: fresh, subject: 'Arrived later' });
    await me.probe.messageDelete(String(fresh), { uid: true });
  });
});

describe('previews', () => {
  it('the server\'s RFC 8970 previews come for the UIDs asked, separately from the page', async () => {
    const res = await me.api.get<{ previews: Record<string, string> }>(`${API.previews}?${q('INBOX')}&uids=${uids.plain[3]},${uids.utf8},999990:999999`);
    expect(res.status).toBe(200);
    expect(res.json.previews[String(uids.plain[3])]).toBe('Body 3');
    expect(res.json.previews[String(uids.utf8)]).toBe('Grüße aus Köln ✓');
    expect(res.json.previews['999999']).toBeUndefined();
  });

  it('refuses anything but a list of UIDs', async () => {
    for (const bad of ['1:*', '1,2 OR 3', '', 'abc', '1:201', '1:4294967295', '0', Array.from({ length: 201 }, (_, i) => i + 1).join(',')]) {
      const res = await me.api.get(`${API.previews}?${q('INBOX')}&uids=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
    }
  });
});

describe('reading one message', () => {
  it('an HTML mail comes with its unsanitised HTML (the browser sanitises) and its text alternative', async () => {
    const res = await me.api.get(`${API.message(uids.html)}?${q('INBOX')}`);
    expect(res.status).toBe(200);
    const m = messageDetailSchema.parse(res.json);
    expect(m.html).toContain('<b>HTML</b>');
    expect(m.text).toContain('Plain alternative');
    expect(m.malformed).toBe(false);
    expect(res.headers['cache-control']).toMatch(/no-store/);
  });

  it('lists attachments by part id and streams one byte-for-byte, as an attachment with nosniff', async () => {
    const m = messageDetailSchema.parse((await me.api.get(`${API.message(uids.attachment)}?${q('INBOX')}`)).json);
    expect(m.text).toContain('See the PDF');
    expect(m.attachments).toEqual([expect.objectContaining({ partId: '2', filename: 'report.pdf', contentType: 'application/pdf' })]);
    const dl = await me.api.get(`${API.attachment(uids.attachment, '2')}?${q('INBOX')}`);
    expect(dl.status).toBe(200);
    expect(dl.body.equals(pdf)).toBe(true);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="?report.pdf"?$/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toMatch(/sandbox/);
    const inline = await me.api.get(`${API.attachment(uids.attachment, '2')}?${q('INBOX')}&inline=1`);
    expect(inline.status).toBe(404); // a PDF is never served inline
  });

  it('shows the spam verdict with its score', async () => {
    const m = messageDetailSchema.parse((await me.api.get(`${API.message(uids.spam)}?${q('INBOX')}`)).json);
    expect(m.spam).toEqual({ tagged: true, score: 9.1 });
  });

  it('a malformed message is shown as well as it can be, never a crash', async () => {
    const res = await me.api.get(`${API.message(uids.malformed)}?${q('INBOX')}`);
    expect(res.status).toBe(200);
    const m = messageDetailSchema.parse(res.json);
    expect(`${m.text ?? ''}${m.html ?? ''}`).toContain('Text that lost its boundary');
  });

  it('decodes encoded words and UTF-8 bodies', async () => {
    const m = messageDetailSchema.parse((await me.api.get(`${API.message(uids.utf8)}?${q('INBOX')}`)).json);
    expect(m.subject).toBe('Grüße 😀');
    expect(m.text).toContain('Grüße aus Köln ✓');
  });

  it('unknown UID, unknown part, unknown mailbox and stale UIDVALIDITY each get a code', async () => {
    expect((await me.api.get(`${API.message(999999)}?${q('INBOX')}`)).json).toMatchObject({ error: { code: 'MESSAGE_NOT_FOUND' } });
    expect((await me.api.get(`${API.attachment(uids.attachment, '7')}?${q('INBOX')}`)).json).toMatchObject({ error: { code: 'ATTACHMENT_NOT_FOUND' } });
    // the body part is shown by the reader, not served as a download
    expect((await me.api.get(`${API.attachment(uids.attachment, '1')}?${q('INBOX')}`)).json).toMatchObject({ error: { code: 'ATTACHMENT_NOT_FOUND' } });
    expect((await me.api.get(`${API.message(1)}?${q('Nope')}`)).status).toBe(404);
    expect((await me.api.get(`${API.message(uids.html)}?${q('INBOX')}&uidValidity=1`)).json).toMatchObject({ error: { code: 'UIDVALIDITY_CHANGED' } });
    expect((await me.api.get(`${API.message(0)}?${q('INBOX')}`)).status).toBe(400);
    expect((await me.api.get(`/api/messages/1/parts/1;DROP?${q('INBOX')}`)).status).toBe(400);
  });
});

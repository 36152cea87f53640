import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { COMPOSE_API, outboxEntrySchema, type Draft } from '../../shared/compose.js';
import { readSink, waitForMessage } from '../../e2e/mailserver/mailstack.js';
import { appendAll, flagsOf } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { draftOf, headerBlock, mailboxUids, parsedOf, settled, upload } from '../../e2e/support/compose.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

const stack = inject('mailstack');

const webmail = useWebmail({ WEBMAIL_UNDO_SEND_SECONDS: '0' });
const alice = useUser(webmail, { probe: true });
const bob = useUser(webmail, { probe: true, signIn: false });
const carol = useUser(webmail, { signIn: false });
const dave = useUser(webmail, { signIn: false });

async function send(draft: Draft, client = alice.api) {
  const res = await client.post(COMPOSE_API.send, { draft, sendAt: null });
  if (res.status !== 202) throw new Error(`send: ${res.status} ${JSON.stringify(res.json)}`);
  const entry = outboxEntrySchema.parse(res.json);
  return { entry, final: await settled(client, entry.id) };
}

describe('send', () => {
  it('delivers To, Cc and Bcc with the right headers, no Bcc header, byte-identical attachments and a text alternative', async () => {
    const pdf = randomBytes(300_000);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2000)]);
    const file = await upload(alice.api, webmail.app.caPem, 'report.pdf', 'application/pdf', pdf);
    const image = await upload(alice.api, webmail.app.caPem, 'pasted.png', 'image/png', png);
    const outside = `someone-${randomBytes(4).toString('hex')}@elsewhere.example`;
    const draft = draftOf(alice.address, {
      to: [{ name: 'Bob, "the builder"', address: bob.address }, { name: '', address: outside }],
      cc: [{ name: 'Carol', address: carol.address }],
      bcc: [{ name: 'Dave Hidden', address: dave.address }],
      html: '<p>Hello <b>Bob</b>, see <a href="https://example.com/doc">the doc</a>.</p><p><img src="cid:img1@local"></p>',
      attachments: [
        { uploadId: file.uploadId, filename: 'report.pdf', contentType: 'application/pdf', size: pdf.length, contentId: null },
        { uploadId: image.uploadId, filename: 'pasted.png', contentType: 'image/png', size: png.length, contentId: 'img1@local' },
      ],
    });
    const { final } = await send(draft);
    expect(final).toBeNull();

    const [uid] = await waitForMessage(stack, bob.address, draft.subject);
    const { raw, mail } = await parsedOf(bob.probe, 'INBOX', uid!);
    const head = headerBlock(raw);
    expect(head).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain(dave.address);
    // From is the identity's (the login one, unnamed), never the name the client put in the draft.
    expect(mail.from?.value[0]).toEqual({ name: '', address: alice.address });
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value.map((a) => [a.name, a.address])).toEqual([
      ['Bob, "the builder"', bob.address],
      ['', outside],
    ]);
    expect(mail.cc && !Array.isArray(mail.cc) && mail.cc.value[0]!.address).toBe(carol.address);
    expect(mail.subject).toBe(draft.subject);
    expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(120_000);
    expect(mail.messageId).toMatch(new RegExp(`^<[0-9a-f-]{36}@${stack.domain.replace('.', '\\.')}>$`));
    expect(head).toMatch(/^X-Mailer: webmail$/im);
    expect(raw).toMatch(/multipart\/alternative/);
    expect(raw).toMatch(/multipart\/related/);
    expect(mail.text).toContain('Hello Bob, see the doc [https://example.com/doc].');
    const pdfPart = mail.attachments.find((a) => a.filename === 'report.pdf')!;
    expect(pdfPart.content.equals(pdf)).toBe(true);
    const imgPart = mail.attachments.find((a) => a.cid === 'img1@local')!;
    expect(imgPart.content.equals(png)).toBe(true);
    expect(mail.html).toContain('cid:img1@local');

    // Cc and Bcc got the same message, the Bcc copy without its own address in a header either.
    await waitForMessage(stack, carol.address, draft.subject);
    await waitForMessage(stack, dave.address, draft.subject);
    // The outside domain went to the stack's sink, and only there.
    const sunk = readSink(stack).filter((m) => m.recipient === outside);
    expect(sunk).toHaveLength(1);
    expect(sunk[0]!.raw).toContain(mail.messageId!);
    expect(readSink(stack).some((m) => m.raw.includes(draft.subject) && m.recipient !== outside)).toBe(false);

    // The copy in Sent: seen, same Message-ID, no Bcc header. The draft copy is gone.
    const [sentUid] = await waitForMessage(stack, alice.address, draft.subject, { folder: 'Sent' });
    const sent = await parsedOf(alice.probe, 'Sent', sentUid!);
    expect(headerBlock(sent.raw)).not.toMatch(/^bcc:/im);
    expect(sent.mail.messageId).toBe(mail.messageId);
    expect(await flagsOf(alice.probe, 'Sent', sentUid!)).toContain('\\Seen');
    expect(await mailboxUids(alice.probe, 'Drafts')).toEqual([]);
  });

  it('a reply threads under the original and flags it \\Answered; reply-all honours Reply-To and drops my address', async () => {
    const subject = `Plans ${randomBytes(3).toString('hex')}`;
    const [orig] = await appendAll(alice.probe, 'INBOX', [
      plainMessage('Shall we meet?\nTuesday works.', {
        from: `Bob <${bob.address}>`,
        to: `${alice.address}, Carol <${carol.address}>`,
        subject,
        messageId: '<orig-1@example.test>',
        headers: { References: '<root@example.test> <mid@example.test>', 'In-Reply-To': '<mid@example.test>', Cc: `${alice.address.toUpperCase()}, dave <${dave.address}>`, 'Reply-To': `Bob Home <${bob.address}>` },
      }),
    ]);
    const pre = await alice.api.get<Draft>(`${COMPOSE_API.prefill}?mode=replyAll&mailbox=INBOX&uid=${orig}`);
    expect(pre.status).toBe(200);
    const reply = pre.json;
    expect(reply.subject).toBe(`Re: ${subject}`);
    expect(reply.to).toEqual([{ name: 'Bob Home', address: bob.address }]);
    expect(reply.cc.map((r) => r.address)).toEqual([carol.address, dave.address]);
    expect(reply.inReplyTo).toBe('<orig-1@example.test>');
    expect(reply.references).toEqual(['<root@example.test>', '<mid@example.test>', '<orig-1@example.test>']);
    expect(reply.format).toBe('text');
    expect(reply.text).toContain('wrote:\n> Shall we meet?\n> Tuesday works.');

    const single = (await alice.api.get<Draft>(`${COMPOSE_API.prefill}?mode=reply&mailbox=INBOX&uid=${orig}`)).json;
    expect(single.cc).toEqual([]);

    await send({ ...reply, text: `I can.${reply.text}` });
    const [uid] = await waitForMessage(stack, bob.address, `Re: ${subject}`);
    const { mail } = await parsedOf(bob.probe, 'INBOX', uid!);
    expect(mail.inReplyTo).toBe('<orig-1@example.test>');
    expect(mail.references).toEqual(['<root@example.test>', '<mid@example.test>', '<orig-1@example.test>']);
    expect(mail.text).toContain('> Shall we meet?');
    await waitFor(async () => (await flagsOf(alice.probe, 'INBOX', orig!))?.includes('\\Answered') ?? false);

    const fwd = (await alice.api.get<Draft>(`${COMPOSE_API.prefill}?mode=forward&mailbox=INBOX&uid=${orig}`)).json;
    expect(fwd.subject).toBe(`Fwd: ${subject}`);
    expect(fwd.inReplyTo).toBeNull();
    expect(fwd.text).toContain(`From: Bob <${bob.address}>`);
    await send({ ...fwd, to: [{ name: '', address: carol.address }] });
    await waitForMessage(stack, carol.address, `Fwd: ${subject}`);
    await waitFor(async () => (await flagsOf(alice.probe, 'INBOX', orig!))?.includes('$Forwarded') ?? false);
  });

  it('forward as attachment carries the original as message/rfc822', async () => {
    const subject = `Receipt ${randomBytes(3).toString('hex')}`;
    const [orig] = await appendAll(alice.probe, 'INBOX', [plainMessage('Total: 12 EUR', { subject, from: `shop@example.test` })]);
    const fwd = (await alice.api.get<Draft>(`${COMPOSE_API.prefill}?mode=forwardAsAttachment&mailbox=INBOX&uid=${orig}`)).json;
    expect(fwd.attachMessage).toEqual({ mailbox: 'INBOX', uid: orig });
    await send({ ...fwd, to: [{ name: '', address: bob.address }], html: '<p>FYI</p>' });
    const [uid] = await waitForMessage(stack, bob.address, `Fwd: ${subject}`);
    const { raw, mail } = await parsedOf(bob.probe, 'INBOX', uid!);
    expect(raw).toMatch(/Content-Type: message\/rfc822/i);
    // The original travels whole inside the part (mailparser would unpack it, so read the raw part).
    expect(raw.slice(raw.search(/Content-Type: message\/rfc822/i))).toContain('Total: 12 EUR');
    expect(mail.text).toContain('FYI');
    await waitFor(async () => (await flagsOf(alice.probe, 'INBOX', orig!))?.includes('$Forwarded') ?? false);
  });
});

describe('bad input is refused before anything is sent', () => {
  it('CR/LF in the subject or a name is a 400 and nothing goes out', async () => {
    const before = await mailboxUids(alice.probe, 'Drafts');
    const subject = `Injected ${randomBytes(3).toString('hex')}`;
    const bad1 = await alice.api.post(COMPOSE_API.send, { draft: draftOf(alice.address, { subject: `${subject}\r\nBcc: ${carol.address}`, to: [{ name: '', address: bob.address }] }), sendAt: null });
    expect(bad1.status).toBe(400);
    expect((bad1.json as { error: { code: string; field: string } }).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'draft.subject' });
    const bad2 = await alice.api.post(COMPOSE_API.send, { draft: draftOf(alice.address, { subject, to: [{ name: 'Bob\nBcc: x@example.test', address: bob.address }] }), sendAt: null });
    expect(bad2.status).toBe(400);
    expect((bad2.json as { error: { field: string } }).error.field).toBe('draft.to.0.name');
    expect(await mailboxUids(alice.probe, 'Drafts')).toEqual(before);
    await expect(waitForMessage(stack, bob.address, subject, { timeoutMs: 1500 })).rejects.toThrow();
  });

  it('an invalid address is named in a 400 INVALID_ADDRESS and nothing is sent', async () => {
    const draft = draftOf(alice.address, { to: [{ name: '', address: bob.address }], cc: [{ name: '', address: 'carol@example.test' }, { name: 'X', address: 'not an address@' }] });
    const res = await alice.api.post(COMPOSE_API.send, { draft, sendAt: null });
    expect(res.status).toBe(400);
    expect((res.json as { error: { code: string; field: string; message: string } }).error).toMatchObject({ code: 'INVALID_ADDRESS', field: 'cc[1]' });
    expect((res.json as { error: { message: string } }).error.message).toContain('not an address@');
    await expect(waitForMessage(stack, bob.address, draft.subject, { timeoutMs: 1500 })).rejects.toThrow();
  });

  it('a From other than my address is refused', async () => {
    const res = await alice.api.post(COMPOSE_API.send, { draft: { ...draftOf(bob.address), to: [{ name: '', address: carol.address }] }, sendAt: null });
    expect(res.status).toBe(400);
    expect((res.json as { error: { field: string } }).error.field).toBe('from.address');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}


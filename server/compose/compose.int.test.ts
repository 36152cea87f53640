import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { COMPOSE_API, composeLimitsSchema, draftSchema, outboxEntrySchema, savedDraftSchema, type Draft } from '../../shared/compose.js';
import { createUser, waitForMessage } from '../../e2e/mailserver/mailstack.js';
import { appendAll, flagsOf, openProbe } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { freePort, startWebmail } from '../../e2e/support/webmail.js';
import { draftOf, headerBlock, mailboxUids, parsedOf, settled, upload } from '../../e2e/support/compose.js';
import { signIn, useUser, useWebmail } from '../../e2e/support/fixtures.js';

const stack = inject('mailstack');

const webmail = useWebmail({ WEBMAIL_UNDO_SEND_SECONDS: '0' });
const alice = useUser(webmail, { probe: true });
const bob = useUser(webmail, { signIn: false });

async function saveDraft(draft: Draft, client = alice.api) {
  const res = await client.post(COMPOSE_API.drafts, draft);
  if (res.status !== 200) throw new Error(`draft: ${res.status} ${JSON.stringify(res.json)}`);
  return savedDraftSchema.parse(res.json).savedAs;
}

describe('drafts', () => {
  it('a reopened draft keeps its pasted image: same Content-ID, and the editor can show it from its new upload', async () => {
    // A user of its own: this test's draft must not share a Drafts folder with the round trip's checks.
    const ivy = await createUser(stack);
    const ivyApi = await signIn(webmail.app, ivy);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2000)]);
    const image = await upload(ivyApi, webmail.app.caPem, 'pasted.png', 'image/png', png);
    const draft = draftOf(ivy.address, {
      html: '<p>Look</p><p><img src="cid:pasted1@webmail"></p>',
      attachments: [{ uploadId: image.uploadId, filename: 'pasted.png', contentType: 'image/png', size: png.length, contentId: 'pasted1@webmail' }],
    });
    const saved = await saveDraft(draft, ivyApi);
    const reopened = draftSchema.parse((await ivyApi.get(`${COMPOSE_API.prefill}?mode=draft&mailbox=Drafts&uid=${saved.uid}`)).json);
    expect(reopened.html).toContain('cid:pasted1@webmail');
    const again = reopened.attachments.find((a) => a.contentId === 'pasted1@webmail');
    expect(again).toBeDefined();
    const shown = await ivyApi.get(COMPOSE_API.uploadContent(again!.uploadId));
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(shown.body.equals(png)).toBe(true);
    // Only images, and only the owner's.
    const csv = await upload(ivyApi, webmail.app.caPem, 'n.csv', 'text/csv', Buffer.from('a,b\n'));
    expect((await ivyApi.get(COMPOSE_API.uploadContent(csv.uploadId))).json).toMatchObject({ error: { code: 'UPLOAD_NOT_FOUND' } });
    const other = await createUser(stack);
    const otherApi = await signIn(webmail.app, other);
    expect((await otherApi.get(COMPOSE_API.uploadContent(again!.uploadId))).status).toBe(404);
    otherApi.close();
    ivyApi.close();
  });

  it('round-trip through Drafts: saved with \\Draft, replaced on each save, reopened with Bcc and attachments, removed after sending', async () => {
    const csv = Buffer.from('a,b\n1,2\n'.repeat(5000));
    const file = await upload(alice.api, webmail.app.caPem, 'numbers.csv', 'text/csv', csv);
    const draft = draftOf(alice.address, {
      to: [{ name: 'Bob, B.', address: bob.address }],
      bcc: [{ name: '', address: 'hidden@example.test' }],
      html: '<p>First <i>version</i></p>',
      attachments: [{ uploadId: file.uploadId, filename: 'numbers.csv', contentType: 'text/csv', size: csv.length, contentId: null }],
    });
    const first = await saveDraft(draft);
    expect(first.mailbox).toBe('Drafts');
    expect(await flagsOf(alice.probe, 'Drafts', first.uid)).toEqual(['\\Draft', '\\Seen']);
    const stored = await parsedOf(alice.probe, 'Drafts', first.uid);
    expect(headerBlock(stored.raw)).toMatch(new RegExp(`^X-Webmail-Draft-Id: ${draft.draftId}$`, 'im'));

    const second = await saveDraft({ ...draft, html: '<p>Second <i>version</i></p>', savedAs: first });
    expect(second.uid).not.toBe(first.uid);
    expect(await mailboxUids(alice.probe, 'Drafts')).toEqual([second.uid]);
    // A save that lost track of its copy (savedAs null) still replaces it, by the draft id.
    const third = await saveDraft({ ...draft, html: '<p>Third <i>version</i></p>' });
    expect(await mailboxUids(alice.probe, 'Drafts')).toEqual([third.uid]);

    const res = await alice.api.get<Draft>(`${COMPOSE_API.prefill}?mode=draft&mailbox=Drafts&uid=${third.uid}`);
    expect(res.status).toBe(200);
    const reopened = draftSchema.parse(res.json);
    expect(reopened).toMatchObject({
      draftId: draft.draftId,
      subject: draft.subject,
      to: [{ name: 'Bob, B.', address: bob.address }],
      bcc: [{ name: '', address: 'hidden@example.test' }],
      format: 'html',
      savedAs: third,
      source: { mode: 'new', message: null },
    });
    expect(reopened.html).toContain('Third <i>version</i>');
    expect(reopened.attachments).toHaveLength(1);
    expect(reopened.attachments[0]).toMatchObject({ filename: 'numbers.csv', contentType: 'text/csv', size: csv.length });
    expect(reopened.attachments[0]!.uploadId).not.toBe(file.uploadId);

    const sent = await alice.api.post(COMPOSE_API.send, { draft: reopened, sendAt: null });
    expect(sent.status).toBe(202);
    expect(await settled(alice.api, outboxEntrySchema.parse(sent.json).id)).toBeNull();
    const [uid] = await waitForMessage(stack, bob.address, draft.subject);
    const bobProbe = await openProbe(stack.env, bob);
    try {
      const got = await parsedOf(bobProbe, 'INBOX', uid!);
      expect(got.mail.attachments[0]!.content.equals(csv)).toBe(true);
      expect(headerBlock(got.raw)).not.toMatch(/^X-Webmail-Draft/im);
    } finally {
      await bobProbe.logout();
    }
    expect(await mailboxUids(alice.probe, 'Drafts')).toEqual([]);
  });

  it('edit as new copies a Sent message without threading headers', async () => {
    const [orig] = await appendAll(alice.probe, 'Sent', [
      plainMessage('Old body', { from: alice.address, to: `Bob <${bob.address}>`, subject: 'Re: Weekly', headers: { 'In-Reply-To': '<x@example.test>', References: '<x@example.test>' } }),
    ]);
    const res = await alice.api.get<Draft>(`${COMPOSE_API.prefill}?mode=editAsNew&mailbox=Sent&uid=${orig}`);
    expect(res.json).toMatchObject({ subject: 'Re: Weekly', to: [{ name: 'Bob', address: bob.address }], inReplyTo: null, references: [], format: 'text' });
    expect(res.json.text).toContain('Old body');
  });
});

describe('limits and suggestions', () => {
  it('limits are the lower of the EHLO SIZE and the configured cap', async () => {
    const limits = composeLimitsSchema.parse((await alice.api.get(COMPOSE_API.limits)).json);
    // Postfix in the stack advertises SIZE 26214400, the default cap is 25 MiB: the same number.
    expect(limits).toMatchObject({ maxMessageBytes: 26_214_400, undoSeconds: 0, uploadChunkBytes: 1024 * 1024 });
    expect(limits.maxAttachmentBytes).toBeLessThan(limits.maxMessageBytes * 0.75);
    const big = await startWebmail(stack.env, { WEBMAIL_MAX_MESSAGE_MB: '100' });
    try {
      const client = await signIn(big, alice);
      expect(composeLimitsSchema.parse((await client.get(COMPOSE_API.limits)).json).maxMessageBytes).toBe(26_214_400);
      client.close();
    } finally {
      await big.stop();
    }
  });

  it('suggests addresses from INBOX and Sent, de-duplicated, never my own', async () => {
    const tag = randomBytes(3).toString('hex');
    await appendAll(alice.probe, 'INBOX', [
      plainMessage('1', { from: `Zed ${tag} <zed-${tag}@example.test>`, to: alice.address }),
      plainMessage('2', { from: `zed-${tag}@example.test`, to: alice.address }),
    ]);
    await appendAll(alice.probe, 'Sent', [plainMessage('3', { from: alice.address, to: `Zoe <zoe-${tag}@example.test>` })]);
    const res = await alice.api.get<{ addresses: Array<{ name: string; address: string }> }>(`${COMPOSE_API.addresses}?q=${tag}`);
    expect(res.status).toBe(200);
    expect(res.json.addresses.map((a) => a.address).sort()).toEqual([`zed-${tag}@example.test`, `zoe-${tag}@example.test`]);
    expect(res.json.addresses.find((a) => a.address.startsWith('zed'))!.name).toBe(`Zed ${tag}`);
    const mine = await alice.api.get<{ addresses: unknown[] }>(`${COMPOSE_API.addresses}?q=${encodeURIComponent(alice.address)}`);
    expect(mine.json.addresses).toEqual([]);
    expect((await alice.api.get(`${COMPOSE_API.addresses}?q=`)).status).toBe(400);
  });
});

describe('failures keep the draft', () => {
  it('SMTP refuses AUTH (password changed after login): the job fails with SMTP_AUTH_FAILED and the draft stays', async () => {
    const eve = await createUser(stack);
    const client = await signIn(webmail.app, eve);
    const draft = draftOf(eve.address, { to: [{ name: '', address: bob.address }] });
    const localPart = eve.address.split('@')[0]!;
    const changed = await createUser(stack, { localPart, password: 'changed-' + randomBytes(6).toString('hex') });
    const res = await client.post(COMPOSE_API.send, { draft: { ...draft, from: { name: '', address: eve.address } }, sendAt: null });
    expect(res.status).toBe(202);
    const final = await settled(client, outboxEntrySchema.parse(res.json).id);
    expect(final).toMatchObject({ state: 'failed', error: 'SMTP_AUTH_FAILED' });
    const eveProbe = await openProbe(stack.env, changed);
    try {
      const uids = await mailboxUids(eveProbe, 'Drafts');
      expect(uids).toHaveLength(1);
      expect((await parsedOf(eveProbe, 'Drafts', uids[0]!)).mail.subject).toBe(draft.subject);
    } finally {
      await eveProbe.logout();
    }
    await expect(waitForMessage(stack, bob.address, draft.subject, { timeoutMs: 1500 })).rejects.toThrow();
    client.close();
  });

  it('SMTP server down: SMTP_UNAVAILABLE, the draft stays, limits fall back to the cap', async () => {
    const down = await startWebmail(stack.env, { WEBMAIL_UNDO_SEND_SECONDS: '0', WEBMAIL_SMTP_PORT: String(await freePort()) });
    const frank = await createUser(stack);
    try {
      const client = await signIn(down, frank);
      expect(composeLimitsSchema.parse((await client.get(COMPOSE_API.limits)).json).maxMessageBytes).toBe(25 * 1024 * 1024);
      const draft = draftOf(frank.address, { to: [{ name: '', address: bob.address }] });
      const res = await client.post(COMPOSE_API.send, { draft, sendAt: null });
      expect(res.status).toBe(202);
      expect(await settled(client, outboxEntrySchema.parse(res.json).id)).toMatchObject({ state: 'failed', error: 'SMTP_UNAVAILABLE' });
      const frankProbe = await openProbe(stack.env, frank);
      try {
        expect(await mailboxUids(frankProbe, 'Drafts')).toHaveLength(1);
      } finally {
        await frankProbe.logout();
      }
      client.close();
    } finally {
      await down.stop();
    }
  });

  it('the submission server\'s certificate is verified: without the CA file nothing is sent and the draft stays', async () => {
    const { WEBMAIL_SMTP_CA_FILE: _ca, ...withoutSmtpCa } = stack.env;
    const strict = await startWebmail(withoutSmtpCa, { WEBMAIL_UNDO_SEND_SECONDS: '0' });
    const hana = await createUser(stack);
    try {
      const client = await signIn(strict, hana);
      const draft = draftOf(hana.address, { to: [{ name: '', address: bob.address }], subject: `Unverified ${Date.now()}` });
      const res = await client.post(COMPOSE_API.send, { draft, sendAt: null });
      expect(res.status).toBe(202);
      expect(await settled(client, outboxEntrySchema.parse(res.json).id)).toMatchObject({ state: 'failed', error: 'SMTP_UNAVAILABLE' });
      await expect(waitForMessage(stack, bob.address, draft.subject, { timeoutMs: 1500 })).rejects.toThrow();
      client.close();
    } finally {
      await strict.stop();
    }
  });

  it('a message over the limit is refused with MESSAGE_TOO_LARGE before sending, and kept as a draft', async () => {
    const small = await startWebmail(stack.env, { WEBMAIL_UNDO_SEND_SECONDS: '0', WEBMAIL_MAX_MESSAGE_MB: '1' });
    const gina = await createUser(stack);
    try {
      const client = await signIn(small, gina);
      const parts = [randomBytes(600_000), randomBytes(600_000)];
      const ups = [];
      for (const [i, p] of parts.entries()) ups.push(await upload(client, small.caPem, `part${i}.bin`, 'application/octet-stream', p));
      const draft = draftOf(gina.address, {
        to: [{ name: '', address: bob.address }],
        attachments: ups.map((u, i) => ({ uploadId: u.uploadId, filename: `part${i}.bin`, contentType: 'application/octet-stream', size: parts[i]!.length, contentId: null })),
      });
      const res = await client.post(COMPOSE_API.send, { draft, sendAt: null });
      expect(res.status).toBe(413);
      expect((res.json as { error: { code: string } }).error.code).toBe('MESSAGE_TOO_LARGE');
      expect((await client.get<{ entries: unknown[] }>(COMPOSE_API.outbox)).json.entries).toEqual([]);
      const ginaProbe = await openProbe(stack.env, gina);
      try {
        expect(await mailboxUids(ginaProbe, 'Drafts')).toHaveLength(1);
      } finally {
        await ginaProbe.logout();
      }
      client.close();
    } finally {
      await small.stop();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { COMPOSE_API, draftSchema, outboxEntrySchema, savedDraftSchema, type Draft } from '../../shared/compose.js';
import { IDENTITIES_API, identityListSchema, identitySavedSchema, type Identity, type IdentityInput } from '../../shared/identities.js';
import { readSink, waitForMessage } from '../../e2e/mailserver/mailstack.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { startWebmail } from '../../e2e/support/webmail.js';
import { draftOf, headerBlock, mailboxUids, parsedOf, settled } from '../../e2e/support/compose.js';
import type { ApiClient } from '../../e2e/support/api-client.js';
import { signIn, useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Identities (issue 7 part 2) against the real Postfix and Dovecot: what the
// recipient and the Sent folder see, what is refused before anything is sent,
// which identity a reply starts with, and that one user never reaches
// another's identities.
//
// The test Postfix (e2e/mailserver/templates/master.cf) lets any SASL-
// authenticated user submit with any MAIL FROM (no smtpd_sender_login_maps),
// so "sales@example.test" needs no mailbox of its own: the only gate on From
// is the webmail's own policy, which is what these tests check.

const stack = inject('mailstack');
const tag = () => randomBytes(3).toString('hex');
let sales: Identity;
let support: Identity;
const SUPPORT_ADDRESS = `support-${tag()}@example.test`;

const body = (over: Partial<IdentityInput> = {}): IdentityInput => ({
  name: 'Sales',
  address: 'sales@example.test',
  replyTo: 'orders@example.test',
  signature: { format: 'html', body: '<p>The <b>Sales</b> team</p>' },
  ...over,
});

async function list(client: ApiClient) {
  const res = await client.get(IDENTITIES_API.list);
  expect(res.status).toBe(200);
  return identityListSchema.parse(res.json);
}

async function create(client: ApiClient, input: IdentityInput): Promise<Identity> {
  const res = await client.post(IDENTITIES_API.list, input);
  if (res.status !== 201) throw new Error(`create identity: ${res.status} ${JSON.stringify(res.json)}`);
  return identitySavedSchema.parse(res.json).identity;
}

function errorOf(res: { status: number; json: unknown }) {
  return { status: res.status, ...(res.json as { error: { code: string; field?: string } }).error };
}

async function sendAndSettle(client: ApiClient, draft: Draft) {
  const res = await client.post(COMPOSE_API.send, { draft, sendAt: null });
  if (res.status !== 202) throw new Error(`send: ${res.status} ${JSON.stringify(res.json)}`);
  expect(await settled(client, outboxEntrySchema.parse(res.json).id)).toBeNull();
}

/** The header block without the MTA's Received lines (Postfix names the SASL login there, by its own choice). */
function ourHeaders(raw: string): string {
  return headerBlock(raw)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')
    .filter((l) => !/^received:/i.test(l))
    .join('\r\n');
}

const webmail = useWebmail({ WEBMAIL_UNDO_SEND_SECONDS: '0' });
const alice = useUser(webmail, { probe: true });
const bob = useUser(webmail);
const carol = useUser(webmail, { probe: true, signIn: false });

describe('managing identities', () => {
  it('starts with the login address as the default, then adds identities within the domain', async () => {
    const first = await list(alice.api);
    expect(first.policy).toBe('domain');
    expect(first.identities).toEqual([{ id: expect.any(String), name: '', address: alice.address, replyTo: null, signature: { format: 'text', body: '' }, isDefault: true }]);

    sales = await create(alice.api, body());
    expect(sales).toMatchObject({ name: 'Sales', address: 'sales@example.test', replyTo: 'orders@example.test', isDefault: false });
    support = await create(alice.api, body({ name: 'Support Desk', address: SUPPORT_ADDRESS, replyTo: null, signature: { format: 'text', body: 'Support desk\nexample.test' } }));
    expect((await list(alice.api)).identities.map((i) => i.address)).toEqual([alice.address, 'sales@example.test', SUPPORT_ADDRESS]);
  });

  it('refuses an address outside the policy, an invalid Reply-To and header injection, naming the field, and stores nothing', async () => {
    const before = await list(alice.api);
    expect(errorOf(await alice.api.post(IDENTITIES_API.list, body({ address: 'sales@elsewhere.example' })))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'address' });
    expect(errorOf(await alice.api.post(IDENTITIES_API.list, body({ address: 'sales@mail.example.test' })))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
    expect(errorOf(await alice.api.post(IDENTITIES_API.list, body({ replyTo: 'orders' })))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'replyTo' });
    expect(errorOf(await alice.api.post(IDENTITIES_API.list, body({ name: 'Sales\r\nBcc: x@example.test' })))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    expect(errorOf(await alice.api.post(IDENTITIES_API.list, body({ signature: { format: 'html', body: 'x'.repeat(70_000) } })))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'signature.body' });
    // Changing an existing one to an outside address is refused the same way.
    expect(errorOf(await alice.api.request('PUT', IDENTITIES_API.identity(sales.id), body({ address: 'ceo@bank.example' })))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
    // The login identity can be renamed but not deleted.
    const loginId = before.identities[0]!.id;
    expect(errorOf(await alice.api.request('DELETE', IDENTITIES_API.identity(loginId)))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await list(alice.api)).toEqual(before);
  });

  it('changes, sets the default and deletes', async () => {
    const extra = await create(alice.api, body({ name: 'Temp', address: `temp-${tag()}@example.test` }));
    const changed = await alice.api.request('PUT', IDENTITIES_API.identity(extra.id), body({ name: 'Temp 2', address: extra.address, replyTo: null }));
    expect(changed.status).toBe(200);
    expect(identitySavedSchema.parse(changed.json).identity).toMatchObject({ name: 'Temp 2', replyTo: null });
    const defaulted = await alice.api.post(IDENTITIES_API.setDefault(extra.id), {});
    expect(identityListSchema.parse(defaulted.json).identities.filter((i) => i.isDefault).map((i) => i.id)).toEqual([extra.id]);
    const deleted = await alice.api.request('DELETE', IDENTITIES_API.identity(extra.id));
    expect(deleted.status).toBe(200);
    const after = identityListSchema.parse(deleted.json).identities;
    expect(after.map((i) => i.id)).not.toContain(extra.id);
    // The default went back to the login identity.
    expect(after.filter((i) => i.isDefault).map((i) => i.address)).toEqual([alice.address]);
    // Sending with the deleted identity is refused.
    const res = await alice.api.post(COMPOSE_API.send, { draft: draftOf(alice.address, { identityId: extra.id, to: [{ name: '', address: carol.address }] }), sendAt: null });
    expect(errorOf(res)).toMatchObject({ status: 404, code: 'IDENTITY_NOT_FOUND' });
  });
});

describe('sending as an identity', () => {
  it('the recipient and the Sent copy see the identity\'s From and Reply-To, and nothing of the other identities', async () => {
    const subject = `From sales ${tag()}`;
    // The client's From is ignored: the server writes the identity's.
    const draft = draftOf(alice.address, { subject, identityId: sales.id, from: { name: 'Forged Name', address: 'ceo@example.test' }, to: [{ name: 'Carol', address: carol.address }], html: '<p>Our offer.</p>' });
    await sendAndSettle(alice.api, draft);

    const [uid] = await waitForMessage(stack, carol.address, subject);
    const { raw, mail } = await parsedOf(carol.probe, 'INBOX', uid!);
    expect(mail.from?.value).toEqual([{ name: 'Sales', address: 'sales@example.test' }]);
    expect(mail.replyTo?.value).toEqual([{ name: '', address: 'orders@example.test' }]);
    // The envelope sender is the identity too (Dovecot writes MAIL FROM into Return-Path).
    expect(headerBlock(raw)).toMatch(/^Return-Path: <sales@example\.test>$/im);
    const ours = ourHeaders(raw);
    for (const other of [alice.address, SUPPORT_ADDRESS, 'ceo@example.test', 'Forged Name']) {
      expect(ours).not.toContain(other);
      expect(raw.slice(raw.indexOf('\r\n\r\n'))).not.toContain(other);
    }

    const [sentUid] = await waitForMessage(stack, alice.address, subject, { folder: 'Sent' });
    const sent = await parsedOf(alice.probe, 'Sent', sentUid!);
    expect(sent.mail.from?.value).toEqual([{ name: 'Sales', address: 'sales@example.test' }]);
    expect(sent.mail.replyTo?.value).toEqual([{ name: '', address: 'orders@example.test' }]);
    expect(sent.raw).not.toContain(alice.address);
    expect(sent.raw).not.toContain(SUPPORT_ADDRESS);
  });

  it('a draft saved with an identity keeps it: From in the Drafts copy, and the id when reopened', async () => {
    const draft = draftOf(alice.address, { identityId: support.id, to: [{ name: '', address: carol.address }] });
    const res = await alice.api.post(COMPOSE_API.drafts, draft);
    expect(res.status).toBe(200);
    const { savedAs } = savedDraftSchema.parse(res.json);
    const copy = await parsedOf(alice.probe, savedAs.mailbox, savedAs.uid);
    expect(copy.mail.from?.value).toEqual([{ name: 'Support Desk', address: SUPPORT_ADDRESS }]);
    const reopened = draftSchema.parse((await alice.api.get(`${COMPOSE_API.prefill}?mode=draft&mailbox=${encodeURIComponent(savedAs.mailbox)}&uid=${savedAs.uid}`)).json);
    expect(reopened.identityId).toBe(support.id);
  });

  it('another user\'s identity id is IDENTITY_NOT_FOUND: nothing is sent, nothing saved, nothing reaches the sink', async () => {
    const bobsSales = await create(bob.api, body({ name: 'Bob Sales', address: `bob-sales-${tag()}@example.test` }));
    const subject = `Hijack ${tag()}`;
    const outside = `victim-${tag()}@elsewhere.example`;
    const draftsBefore = await mailboxUids(alice.probe, 'Drafts');
    const draft = draftOf(alice.address, { subject, identityId: bobsSales.id, from: { name: 'Bob Sales', address: bobsSales.address }, to: [{ name: '', address: carol.address }, { name: '', address: outside }] });
    const res = await alice.api.post(COMPOSE_API.send, { draft, sendAt: null });
    expect(errorOf(res)).toMatchObject({ status: 404, code: 'IDENTITY_NOT_FOUND', field: 'identityId' });
    expect((await alice.api.get(COMPOSE_API.outbox)).json).toEqual({ entries: [] });
    expect(await mailboxUids(alice.probe, 'Drafts')).toEqual(draftsBefore);
    await expect(waitForMessage(stack, carol.address, subject, { timeoutMs: 1500 })).rejects.toThrow();
    expect(readSink(stack).filter((m) => m.raw.includes(subject))).toEqual([]);

    // A draft save with it never writes Bob's identity into Alice's Drafts.
    const saved = await alice.api.post(COMPOSE_API.drafts, draft);
    expect(saved.status).toBe(200);
    const { savedAs } = savedDraftSchema.parse(saved.json);
    const copy = await parsedOf(alice.probe, savedAs.mailbox, savedAs.uid);
    expect(copy.raw).not.toContain(bobsSales.address);
    expect(copy.mail.from?.value[0]?.address).toBe(alice.address);
  });
});

describe('replies pick the identity the original was sent to', () => {
  it('a reply to a message sent to Sales starts as Sales; reply-all drops every address of mine', async () => {
    const subject = `Quote request ${tag()}`;
    const [uid] = await appendAll(alice.probe, 'INBOX', [
      plainMessage('Can I have a quote?', {
        from: `Dan <dan@customer.example>`,
        to: `Sales <SALES@example.test>, ${alice.address}`,
        subject,
        headers: { Cc: `Support <${SUPPORT_ADDRESS}>, Carol <${carol.address}>` },
      }),
    ]);
    const reply = draftSchema.parse((await alice.api.get(`${COMPOSE_API.prefill}?mode=reply&mailbox=INBOX&uid=${uid}`)).json);
    expect(reply.identityId).toBe(sales.id);
    expect(reply.from).toEqual({ name: 'Sales', address: 'sales@example.test' });

    const all = draftSchema.parse((await alice.api.get(`${COMPOSE_API.prefill}?mode=replyAll&mailbox=INBOX&uid=${uid}`)).json);
    expect(all.identityId).toBe(sales.id);
    expect(all.to.map((r) => r.address)).toEqual(['dan@customer.example']);
    expect(all.cc.map((r) => r.address)).toEqual([carol.address]);

    const fwd = draftSchema.parse((await alice.api.get(`${COMPOSE_API.prefill}?mode=forward&mailbox=INBOX&uid=${uid}`)).json);
    expect(fwd.identityId).toBe(sales.id);
  });

  it('falls back to Delivered-To when the original went to a list, and to the default otherwise', async () => {
    const [viaList, plain] = await appendAll(alice.probe, 'INBOX', [
      plainMessage('To the list', { from: 'dan@customer.example', to: 'everyone@lists.example.org', subject: `List ${tag()}`, headers: { 'Delivered-To': SUPPORT_ADDRESS } }),
      plainMessage('Bcc', { from: 'dan@customer.example', to: 'someone@customer.example', subject: `Bcc ${tag()}` }),
    ]);
    const reply = draftSchema.parse((await alice.api.get(`${COMPOSE_API.prefill}?mode=reply&mailbox=INBOX&uid=${viaList}`)).json);
    expect(reply.identityId).toBe(support.id);
    const fallback = draftSchema.parse((await alice.api.get(`${COMPOSE_API.prefill}?mode=reply&mailbox=INBOX&uid=${plain}`)).json);
    const def = (await list(alice.api)).identities.find((i) => i.isDefault)!;
    expect(fallback.identityId).toBe(def.id);
  });
});

describe('two users', () => {
  it('Bob cannot list, change, delete or default Alice\'s identities', async () => {
    const aliceBefore = await list(alice.api);
    const bobs = await list(bob.api);
    expect(bobs.identities.map((i) => i.address)).not.toContain('sales@example.test');
    expect(bobs.identities.map((i) => i.id)).not.toContain(sales.id);

    expect(errorOf(await bob.api.request('PUT', IDENTITIES_API.identity(sales.id), body({ name: 'Hijacked' })))).toMatchObject({ status: 404, code: 'IDENTITY_NOT_FOUND' });
    expect(errorOf(await bob.api.request('DELETE', IDENTITIES_API.identity(sales.id)))).toMatchObject({ status: 404, code: 'IDENTITY_NOT_FOUND' });
    expect(errorOf(await bob.api.post(IDENTITIES_API.setDefault(sales.id), {}))).toMatchObject({ status: 404, code: 'IDENTITY_NOT_FOUND' });
    // A malformed id is answered the same way.
    expect(errorOf(await bob.api.request('DELETE', IDENTITIES_API.identity('../x')))).toMatchObject({ status: 404, code: 'IDENTITY_NOT_FOUND' });

    expect(await list(alice.api)).toEqual(aliceBefore);
  });
});

describe('WEBMAIL_IDENTITY_ADDRESSES=login', () => {
  it('allows only the sign-in address, whose name, Reply-To and signature stay editable', async () => {
    const strict = await startWebmail(stack.env, { WEBMAIL_IDENTITY_ADDRESSES: 'login' });
    const client = await signIn(strict, alice);
    try {
      const { identities, policy } = await list(client);
      expect(policy).toBe('login');
      expect(errorOf(await client.post(IDENTITIES_API.list, body()))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
      const res = await client.request('PUT', IDENTITIES_API.identity(identities[0]!.id), body({ name: 'Alice A.', address: alice.address.toUpperCase() }));
      expect(res.status).toBe(200);
      expect(identitySavedSchema.parse(res.json).identity).toMatchObject({ name: 'Alice A.', replyTo: 'orders@example.test', signature: body().signature });
    } finally {
      client.close();
      await strict.stop();
    }
  });
});

import { randomBytes } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, waitForMessage, type TestUser } from '../mailserver/mailstack.js';
import { ComposePage } from '../pages/ComposePage.js';
import { fromSelect, IdentitiesPage } from '../pages/IdentitiesPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { until } from '../pages/wait.js';
import { openProbe } from '../support/imap-probe.js';
import { openWorld, type SpecWorld } from './harness.js';

// Identities end to end (issue 7 part 2): a real Chromium adds an identity
// with a signature in Settings, picks it in the compose window's From, sees
// the signature appear and swap, sends, and the message Postfix delivered is
// read back over IMAP by the recipient's own probe.

const stack = inject('mailstack');
const tag = () => randomBytes(3).toString('hex');
let w: SpecWorld;
let bob: TestUser;
let bobProbe: ImapFlow;

beforeAll(async () => {
  w = await openWorld(stack, { env: { WEBMAIL_UNDO_SEND_SECONDS: '0' } });
  bob = await createUser(stack);
  bobProbe = await openProbe(stack.env, bob);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
});

afterAll(async () => {
  await bobProbe?.logout().catch(() => undefined);
  await w?.close();
});

async function sourceOf(probe: ImapFlow, mailbox: string, uid: number): Promise<Buffer> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    await probe.noop();
    const msg = await probe.fetchOne(String(uid), { source: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`no source for ${mailbox}/${uid}`);
    return msg.source;
  } finally {
    lock.release();
  }
}

describe('identities in the browser', () => {
  it('adds an identity with a signature, picks it in From, sees the signature, and the delivered message has that From', async () => {
    const page = w.ui.page;
    const salesAddress = `sales-${tag()}@example.test`;
    const salesLabel = `Sales <${salesAddress}>`;
    const supportAddress = `support-${tag()}@example.test`;
    const identities = await IdentitiesPage.open(page);
    // The login identity is there from the start, as the default.
    await identities.item(w.user.address).waitFor();
    await identities.add({ name: 'Sales', address: salesAddress, replyTo: 'orders@example.test', signature: { format: 'Formatted', text: 'The Sales team' } });
    await identities.add({ name: 'Support', address: supportAddress, signature: { format: 'Plain text', text: 'Support desk' } });

    // An address outside the domain is refused with the policy said in words.
    await identities.addButton.click();
    const form = page.getByRole('form', { name: 'New identity' });
    await form.getByLabel('Name', { exact: true }).fill('Bank');
    await form.getByLabel('Email address', { exact: true }).fill('ceo@bank.example');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    const refusal = await until(() => form.getByRole('alert').textContent(), (t) => !!t, 'the refusal');
    expect(refusal).toContain('@example.test');
    await form.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await identities.list.getByRole('listitem').count()).toBe(3);

    await page.getByRole('button', { name: 'Back to mail', exact: true }).click();
    const compose = await ComposePage.openNew(page);
    const from = fromSelect(compose);
    // The default (the login identity, without a signature) first: no separator in the body.
    expect(await from.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(w.user.address);
    expect(await compose.bodyText()).not.toContain('--');

    await from.selectOption({ label: salesLabel });
    await until(() => compose.bodyText(), (t) => t.includes('The Sales team'), 'the Sales signature in the body');
    // Switching again replaces it: one signature, never two.
    await from.selectOption({ label: `Support <${supportAddress}>` });
    await until(() => compose.bodyText(), (t) => t.includes('Support desk') && !t.includes('The Sales team'), 'the Support signature instead');
    await from.selectOption({ label: salesLabel });
    const body = await until(() => compose.bodyText(), (t) => t.includes('The Sales team') && !t.includes('Support desk'), 'the Sales signature back');
    expect(body.match(/The Sales team/g)).toHaveLength(1);

    const subject = `From the sales team ${tag()}`;
    await compose.addRecipients('To', bob.address);
    await compose.setSubject(subject);
    await compose.typeBodyAtStart('Here is our offer.');
    const toast = await compose.sendAndLeave();
    await toast.waitForSent();
    expect(w.ui.dialogs).toEqual([]);

    const [uid] = await waitForMessage(stack, bob.address, subject);
    const mail = await simpleParser(await sourceOf(bobProbe, 'INBOX', uid!));
    expect(mail.from?.value).toEqual([{ name: 'Sales', address: salesAddress }]);
    expect(mail.replyTo?.value).toEqual([{ name: '', address: 'orders@example.test' }]);
    expect(mail.text).toContain('Here is our offer.');
    expect(mail.text).toContain('The Sales team');
    expect(mail.text).not.toContain('Support desk');
    expect(mail.html || '').toContain('webmail-signature');
  });
});

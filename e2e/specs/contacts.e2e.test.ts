import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, waitForMessage, type TestUser } from '../mailserver/mailstack.js';
import { ComposePage } from '../pages/ComposePage.js';
import { ContactsPage } from '../pages/ContactsPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { until } from '../pages/wait.js';
import { openWorld, type SpecWorld } from './harness.js';

// The address book in the browser (issue 7 part 1): a contact added in
// Settings → Contacts is offered when its name is typed in compose, and the
// message goes to the contact's address through the real Postfix.

const stack = inject('mailstack');
const tag = () => randomBytes(3).toString('hex');
const files = mkdtempSync(path.join(tmpdir(), 'contacts-e2e-'));

let w: SpecWorld;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  w = await openWorld(stack, { env: { WEBMAIL_UNDO_SEND_SECONDS: '0' } });
  [bob, carol] = await Promise.all([createUser(stack), createUser(stack)]);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
});

afterAll(async () => {
  await w?.close();
});

describe('address book', () => {
  it('adds a contact in Settings, suggests it in compose by part of its name, and sends to its address', async () => {
    const name = `Zoë Testeur ${tag()}`;
    const contacts = await ContactsPage.open(w.ui.page);
    await contacts.add({ name, emails: [bob.address], phone: '+33 6 12 34 56 78', notes: 'Met at the e2e test' });
    // Search ignores accents and case.
    await contacts.search.fill('ZOE TEST');
    expect(await contacts.names()).toEqual([name]);
    await contacts.backToMail();

    const compose = await ComposePage.openNew(w.ui.page);
    await compose.pickSuggestion('To', 'zoë', name);
    const chip = compose.chip(bob.address);
    await chip.waitFor();
    expect(await chip.getAttribute('title')).toBe(`${name} <${bob.address}>`);
    expect(await compose.region.locator('.chip').count()).toBe(1);

    const subject = `Contacts e2e ${tag()}`;
    await compose.setSubject(subject);
    await compose.typeBody('Found you in my address book.');
    const toast = await compose.sendAndLeave();
    await toast.waitForSent();
    await waitForMessage(stack, bob.address, subject);
  });

  it('offers a group in compose, and picking it adds every member as a chip', async () => {
    const group = `Team ${tag()}`;
    const contacts = await ContactsPage.open(w.ui.page);
    await contacts.search.fill('');
    await contacts.add({ name: `Carol ${tag()}`, emails: [carol.address] });
    await contacts.createGroup(group);
    const carolName = (await contacts.names()).find((n) => n.startsWith('Carol '))!;
    const zoeName = (await contacts.names()).find((n) => n.startsWith('Zoë '))!;
    await contacts.addToGroup(carolName, group);
    await contacts.addToGroup(zoeName, group);
    await contacts.backToMail();

    const compose = await ComposePage.openNew(w.ui.page);
    await compose.pickSuggestion('To', group.slice(0, 6), `Group ${group} (2)`);
    await compose.chip(bob.address).waitFor();
    await compose.chip(carol.address).waitFor();
    expect(await compose.region.locator('.chip').count()).toBe(2);
    await compose.discardButton.click();
  });

  it('imports a damaged vCard file from the file picker: the good cards arrive, each skipped line is listed', async () => {
    const file = path.join(files, 'damaged.vcf');
    writeFileSync(
      file,
      [
        'BEGIN:VCARD', // 1
        'VERSION:3.0',
        'FN:Imported Ïnès',
        'EMAIL;TYPE=WORK:ines@example.org',
        'END:VCARD',
        'stray text', // 6
        'BEGIN:VCARD', // 7: never ends
        'FN:Cut Off',
        'BEGIN:VCARD', // 9
        'VERSION:4.0',
        'FN:Imported Two',
        'EMAIL:two@example.org',
        'END:VCARD',
      ].join('\r\n'),
    );
    const contacts = await ContactsPage.open(w.ui.page);
    const report = await contacts.importFile(file);
    expect((await report.locator('p').first().textContent())?.trim()).toBe('Contacts imported: 2. Skipped: 2.');
    expect((await report.getByRole('listitem').allTextContents()).map((t) => t.trim())).toEqual([
      'Line 6: text outside any card',
      'Line 7: the card has no END:VCARD line, so it may be cut off',
    ]);
    await contacts.search.fill('imported');
    // The search runs after a pause in typing: until then the list is the unfiltered one.
    const names = await until(() => contacts.names(), (n) => n.length > 0 && n.every((x) => x.startsWith('Imported')), 'the search to narrow the list');
    expect(names).toEqual(['Imported Ïnès', 'Imported Two']);
    await contacts.backToMail();
  });
});

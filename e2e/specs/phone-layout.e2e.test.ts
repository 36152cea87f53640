import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { appendAll } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { openWorld, type SpecWorld } from './harness.js';

// A phone-sized window shows one pane at a time: the list, or the reader with a Back button.

const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;

beforeAll(async () => {
  w = await openWorld(stack, { viewport: { width: 390, height: 844 } });
  await appendAll(w.probe, 'INBOX', [
    plainMessage('Tea at four?', { subject: 'Phone first' }),
    plainMessage('See you at the station.', { subject: 'Phone second' }),
  ]);
  const login = new LoginPage(w.ui.page);
  await login.open();
  await login.signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
});

afterAll(async () => {
  await w?.close();
});

/** Which of the three panes a person can see. */
async function visiblePanes() {
  return {
    folders: await mail.folders.nav.isVisible(),
    list: await mail.list.listbox.isVisible(),
    reader: await mail.reader.region.isVisible(),
  };
}

describe('on a 390×844 phone screen', () => {
  it('shows only the list at first', async () => {
    await mail.list.waitForRows(2);
    expect(await visiblePanes()).toEqual({ folders: false, list: true, reader: false });
    // The list fills the width instead of sharing it.
    const box = await mail.list.listbox.boundingBox();
    expect(box!.width).toBeGreaterThan(350);
  });

  it('opening a message shows the reader alone; Back returns to the list', async () => {
    await mail.list.row('Phone second').click();
    await mail.reader.waitForMessage('Phone second');
    expect(await visiblePanes()).toEqual({ folders: false, list: false, reader: true });
    expect(await mail.reader.region.getByText('See you at the station.').isVisible()).toBe(true);

    await mail.reader.back.click();
    await mail.list.row('Phone first').waitFor();
    expect(await visiblePanes()).toEqual({ folders: false, list: true, reader: false });
    expect(await mail.routeUid()).toBeNull();
  });

  it('the browser Back button does the same', async () => {
    await mail.list.row('Phone first').click();
    await mail.reader.waitForMessage('Phone first');
    await w.ui.page.goBack();
    await mail.list.row('Phone first').waitFor();
    expect(await visiblePanes()).toEqual({ folders: false, list: true, reader: false });
  });

  it('"Folders" shows the folder list; picking one returns to a list', async () => {
    await w.ui.page.getByRole('button', { name: 'Folders' }).click();
    await mail.folders.nav.waitFor();
    expect(await visiblePanes()).toMatchObject({ folders: true, list: false });
    await mail.folders.open('Trash');
    await w.ui.page.getByText('There are no messages in this folder.').waitFor();
    expect(await mail.folders.nav.isVisible()).toBe(false);
  });
});

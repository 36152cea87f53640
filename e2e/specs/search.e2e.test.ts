import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { AllFoldersResults, SearchBar, SearchResults } from '../pages/SearchPage.js';
import { until } from '../pages/wait.js';
import { appendAll } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { openWorld, type SpecWorld } from './harness.js';

// Search end to end (issue 5 part 3): the quick box and its options on a
// folder, the results as a virtual mailbox of that folder, and the search
// across all folders streaming in per folder.

const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;
let bar: SearchBar;
let results: SearchResults;

const S = {
  budget: 'Quarterly budget review',
  lunch: 'Lunch on Friday',
  launch: 'Launch checklist',
  photos: 'Holiday photos',
  retro: 'Project retrospective',
  other: 'Unrelated minutes',
};
const uid: Partial<Record<keyof typeof S, number>> = {};
const hash = () => w.ui.page.evaluate(() => window.location.hash);

beforeAll(async () => {
  w = await openWorld(stack);
  await w.probe.mailboxCreate('Projects');
  const inbox = await appendAll(w.probe, 'INBOX', [
    plainMessage('The falcon numbers are in.', { subject: S.budget }),
    plainMessage('Pizza at noon?', { subject: S.lunch }),
    plainMessage('Everything for the falcon launch.', { subject: S.launch, from: 'Zoë Martin <zoe.martin@example.test>' }),
    plainMessage('From the beach.', { subject: S.photos }),
  ]);
  [uid.budget, uid.lunch, uid.launch, uid.photos] = inbox;
  const projects = await appendAll(w.probe, 'Projects', [plainMessage('What the falcon project taught us.', { subject: S.retro }), plainMessage('Nothing here.', { subject: S.other })]);
  [uid.retro, uid.other] = projects;
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  bar = new SearchBar(w.ui.page);
  results = new SearchResults(w.ui.page);
});

afterAll(async () => {
  await w?.close();
});

describe('search in the browser', () => {
  it('the search box shows the matching messages and not the others, opens one, and clearing returns to the folder', async () => {
    await mail.list.waitForRows(4);
    await bar.search('falcon');
    await until(() => mail.list.uids(), (u) => JSON.stringify(u) === JSON.stringify([uid.launch, uid.budget]), 'the two falcon messages, newest first');
    await results.waitForHeading('2 results for “falcon”');
    expect(await mail.list.row(S.lunch).count()).toBe(0);
    expect(await hash()).toBe('#/m/INBOX?text=falcon');

    await mail.openMessage(S.launch);
    expect(await hash()).toBe(`#/m/INBOX/${uid.launch}?text=falcon`);
    expect(await mail.list.uids()).toEqual([uid.launch, uid.budget]);

    // A reload keeps the search and the open message.
    await w.ui.page.reload();
    await mail.reader.waitForMessage(S.launch);
    await until(() => mail.list.uids(), (u) => u.length === 2, 'the search list after a reload');
    expect(await bar.box.inputValue()).toBe('falcon');

    await bar.escape();
    await until(() => mail.list.uids(), (u) => u.length === 4, 'the whole folder again');
    expect(await hash()).toBe('#/m/INBOX');
    expect(await results.heading.count()).toBe(0);
  });

  it('the options form combines criteria, and Back to the folder leaves the search', async () => {
    await bar.openOptions();
    await bar.field('From').fill('Zoë');
    await bar.field('Subject').fill('launch');
    await bar.submitOptions();
    await until(() => mail.list.uids(), (u) => JSON.stringify(u) === JSON.stringify([uid.launch]), 'the one message from Zoë about the launch');
    expect(await hash()).toBe('#/m/INBOX?from=Zo%C3%AB&subject=launch');
    await results.waitForHeading('1 result for from “Zoë”, subject “launch”');

    // The message was read when it was opened above: an unread-only search now finds nothing, and says so.
    await bar.openOptions();
    await bar.field('Unread').check();
    await bar.submitOptions();
    await results.waitForHeading('0 results for from “Zoë”, subject “launch”, unread');
    await w.ui.page.getByText('No messages in this folder match this search.').waitFor();
    await results.backTo('Inbox').click();
    await until(() => mail.list.uids(), (u) => u.length === 4, 'the whole folder again');
  });

  it('a search across all folders shows each folder that matches, and "show all" opens that folder\'s results', async () => {
    await bar.search('falcon');
    await results.waitForHeading('2 results for “falcon”');
    await results.allFoldersButton().click();
    const all = new AllFoldersResults(w.ui.page);
    await all.group('Projects').waitFor();
    await all.group('Inbox').waitFor();
    expect(await hash()).toBe('#/search?text=falcon');
    expect(await all.count('Inbox')).toBe(2);
    expect(await all.count('Projects')).toBe(1);
    expect(await all.subjects('Inbox')).toEqual([S.launch, S.budget]);
    expect(await all.subjects('Projects')).toEqual([S.retro]);
    await w.ui.page.getByRole('heading', { level: 2, name: '3 results in all folders for “falcon”' }).waitFor();

    await all.showAll('Projects').click();
    await until(() => mail.list.uids(), (u) => JSON.stringify(u) === JSON.stringify([uid.retro]), 'the Projects results');
    expect(await hash()).toBe('#/m/Projects?text=falcon');
    expect(await mail.folders.current()).toBe('Projects');

    // Back returns to the results across all folders.
    await w.ui.page.goBack();
    await all.group('Inbox').waitFor();
    await all.group('Inbox').getByRole('link', { name: new RegExp(S.budget) }).click();
    await mail.reader.waitForMessage(S.budget);
    expect(await hash()).toBe(`#/m/INBOX/${uid.budget}?text=falcon`);
  });

  it('new mail that matches shows up in an open search list, pushed like the folder\'s own', async () => {
    await mail.gotoFolder('INBOX');
    await bar.search('falcon');
    await until(() => mail.list.uids(), (u) => u.length === 2, 'the two falcon messages');
    const [fresh] = await appendAll(w.probe, 'INBOX', [plainMessage('Not about birds.', { subject: 'Weekly notes' }), plainMessage('A falcon was seen.', { subject: 'Sighting report' })]).then((u) => [u[1]]);
    await until(() => mail.list.uids(), (u) => JSON.stringify(u) === JSON.stringify([fresh, uid.launch, uid.budget]), 'the new falcon message at the top of the search');
    await results.waitForHeading('3 results for “falcon”');
    expect(await mail.list.row('Weekly notes').count()).toBe(0);
  });
});

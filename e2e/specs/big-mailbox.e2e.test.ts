import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedBulkMailbox } from '../mailserver/mailstack.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { uidsOf } from '../support/imap-probe.js';
import { openWorld, type SpecWorld } from './harness.js';

// A 100,000-message folder (DESIGN.md §3): the list knows its full size at
// once, renders only what is on screen, and fetches only the pages it shows.
// The shared "bulk" user is the one the demo and the benchmark use: seeding
// is idempotent, so only the first run on a machine pays for it. This spec
// only reads (it opens no message), so sharing the user is safe.

const stack = inject('mailstack');
const FOLDER = 'Bulk';
const COUNT = 100_000;
const ROW_HEIGHT = 76; // client/src/components/MessageRow.tsx
let w: SpecWorld;
let mail: MailPage;
/** Every UID of the folder, newest (highest) first: what row N must show. */
let uidsDesc: number[];
let mark: number;

beforeAll(async () => {
  w = await openWorld(stack, { user: { localPart: 'bulk', password: 'bulk-password' } });
  await seedBulkMailbox(stack, w.user.address, FOLDER, COUNT);
  uidsDesc = (await uidsOf(w.probe, FOLDER)).sort((a, b) => b - a);
  expect(uidsDesc).toHaveLength(COUNT);
  const login = new LoginPage(w.ui.page);
  await login.open();
  await login.signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
}, 300_000);

afterAll(async () => {
  await w?.close();
});

const pageRequests = () =>
  w.ui.recorder.matching((u) => new URL(u).pathname === '/api/messages' && new URL(u).searchParams.get('mailbox') === FOLDER, mark);
const offsets = () => pageRequests().map((r) => Number(new URL(r.url).searchParams.get('offset')));

/** Waits until rows at these positions render with the folder's real messages, and checks each against the probe. */
async function expectRealRowsAround(position: number) {
  const rows = await until(
    () => mail.list.renderedRows(),
    (rs) => rs.some((r) => Math.abs(r.pos - position) < 30),
    `rows near position ${position}`,
  );
  const near = rows.filter((r) => Math.abs(r.pos - position) < 30);
  expect(near.length).toBeGreaterThan(5);
  for (const r of near) {
    expect(r.uid, `row ${r.pos}`).toBe(uidsDesc[r.pos - 1]);
    expect(r.subject, `row ${r.pos}`).toMatch(/^(Re: |Fwd: )*\w+ \w+ #\d+$/);
  }
}

describe('a folder with 100,000 messages', () => {
  it('opens with the list sized for every message but only a screenful in the DOM', async () => {
    mark = w.ui.recorder.mark();
    await mail.folders.open(FOLDER);
    await mail.list.waitForRows(5);
    expect(await mail.list.setSize()).toBe(COUNT);
    const { scrollHeight, clientHeight } = await mail.list.scrollMetrics();
    expect(scrollHeight).toBe(COUNT * ROW_HEIGHT);
    expect(await mail.list.listbox.getByRole('option').count()).toBeLessThan(Math.ceil(clientHeight / ROW_HEIGHT) + 25);
    await expectRealRowsAround(1);
  });

  it('scrolls with the mouse wheel and shows the next rows', async () => {
    const box = (await mail.list.listbox.boundingBox())!;
    await w.ui.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 5; i++) await w.ui.page.mouse.wheel(0, 1_000);
    const { scrollTop } = await until(() => mail.list.scrollMetrics(), (m) => m.scrollTop >= 4_000, 'the wheel to scroll the list');
    await expectRealRowsAround(Math.floor(scrollTop / ROW_HEIGHT) + 1);
  });

  it('jumps to the middle and to the end, and shows the right messages there', async () => {
    await mail.list.scrollToFraction(0.5);
    await expectRealRowsAround(COUNT / 2);
    await mail.list.scrollToFraction(1);
    await expectRealRowsAround(COUNT);
    const last = (await mail.list.renderedRows()).at(-1)!;
    expect(last.pos).toBe(COUNT);
    expect(last.uid).toBe(uidsDesc.at(-1));
  });

  it('fetched only the pages it showed', () => {
    const seen = offsets();
    // Top, a page or two after the wheel, middle and end, each maybe with a neighbour page.
    expect(seen.length).toBeLessThanOrEqual(12);
    for (const o of seen) {
      const nearVisited = o < 1_000 || Math.abs(o - COUNT / 2) <= 100 || o >= COUNT - 100;
      expect(nearVisited, `offset ${o} was never on screen`).toBe(true);
    }
    expect(seen.some((o) => o >= COUNT - 50)).toBe(true);
    expect(pageRequests().every((r) => new URL(r.url).searchParams.get('limit') === '50')).toBe(true);
  });
});

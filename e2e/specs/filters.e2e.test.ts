import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliver, readSink, waitForMessage } from '../mailserver/mailstack.js';
import { FiltersPage } from '../pages/FiltersPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { until } from '../pages/wait.js';
import { flagsOf } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { openWorld, specialUsePath, type SpecWorld } from './harness.js';

// Filters made in Chromium, run by the real Pigeonhole when Postfix delivers: the effect is
// checked from an independent IMAP connection and in the outgoing-mail sink.

const stack = inject('mailstack');
let w: SpecWorld;
let filters: FiltersPage;
const tag = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  w = await openWorld(stack);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
  filters = new FiltersPage(w.ui.page);
  await filters.open();
});

afterAll(async () => {
  await w?.close();
});

const activeScript = () => w.ui.page.evaluate(async () => ((await (await fetch('/api/filters')).json()) as { script: string }).script);

describe('filters in the browser', () => {
  it('a rule made in the form moves a message delivered through Postfix, marked read', async () => {
    const archive = await specialUsePath(w.probe, '\\Archive');
    const rule = await filters.addRule();
    await rule.getByLabel('Name').fill('Shop receipts');
    await filters.setCondition(rule, 0, { field: 'Subject', op: 'contains', value: `receipt ${tag}` });
    await filters.setAction(rule, 0, { type: 'Move to folder', folder: archive });
    await filters.setAction(rule, 1, { type: 'Mark', flag: 'as read' });
    expect(await filters.save()).toBe(200);
    await filters.waitSaved();
    // The list shows the saved rule, switched on.
    await filters.rule(0).getByText('Shop receipts').waitFor();
    expect(await filters.rule(0).getByRole('checkbox', { name: 'On' }).isChecked()).toBe(true);

    const subject = `Your receipt ${tag}`;
    await deliver(stack, { from: 'shop@outside.test', to: [w.user.address], raw: plainMessage('Thanks!', { from: 'shop@outside.test', to: w.user.address, subject }) });
    const [uid] = await waitForMessage(stack, w.user.address, subject, { folder: archive });
    expect(await flagsOf(w.probe, archive, uid!)).toContain('\\Seen');
  });

  it('the raw editor shows the mail server\'s reason for refusing a script, and nothing changes', async () => {
    const before = await activeScript();
    const script = await filters.showRaw();
    expect(await script.inputValue()).toContain('Shop receipts');
    await script.fill('require "fileinto";\nfileinto "Archive"\n');
    expect(await filters.save('Check and save')).toBe(400);
    await filters.sieveError.waitFor();
    expect(await filters.sieveError.textContent()).toMatch(/line \d+: error/);
    expect(await activeScript()).toBe(before);
  });

  it('the vacation reply answers an outside sender through Postfix', async () => {
    await filters.panel.getByRole('button', { name: 'Rules and vacation' }).click();
    await filters.panel.getByRole('checkbox', { name: 'Answer incoming mail automatically' }).check();
    await filters.panel.getByRole('textbox', { name: 'Subject' }).fill(`Away ${tag}`);
    await filters.panel.getByRole('textbox', { name: 'Message' }).fill('Back next week.');
    expect(await filters.save()).toBe(200);
    await filters.waitSaved();
    const sender = `ann-${tag}@outside.test`;
    await deliver(stack, { from: sender, to: [w.user.address], raw: plainMessage('Are you there?', { from: sender, to: w.user.address, subject: `Question ${tag}` }) });
    const replies = await until(() => readSink(stack).filter((m) => m.recipient === sender), (r) => r.length > 0, `a vacation reply to ${sender}`, 20_000);
    expect(replies[0]!.raw).toMatch(new RegExp(`^Subject: Away ${tag}$`, 'm'));
    expect(replies[0]!.raw).toContain('Back next week.');
  });
});

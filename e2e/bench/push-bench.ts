// Benchmark (on demand: `npm run bench:push`): push latency from an SMTP
// delivery to the row being visible in Chromium, resync after an offline
// spell, and the bytes of a cold start and of opening a message. Prints
// numbers; asserts nothing.
import { performance } from 'node:perf_hooks';
import { openAppBrowser } from '../browser.js';
import { createUser, deliver, startMailStack } from '../mailserver/mailstack.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { plainMessage } from '../support/messages.js';
import { startWebmail } from '../support/webmail.js';

const PROBES = Number(process.env.BENCH_PROBES ?? 20);
const OFFLINE_MESSAGES = Number(process.env.BENCH_OFFLINE_MESSAGES ?? 100);
const OFFLINE_SECONDS = Number(process.env.BENCH_OFFLINE_SECONDS ?? 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

const stack = await startMailStack();
const user = await createUser(stack);
const send = (subject: string) =>
  deliver(stack, { from: 'alice@example.test', to: [user.address], raw: plainMessage(`Body of ${subject}. `.repeat(20), { subject, to: user.address }) });
for (let i = 0; i < 30; i++) await send(`Seed message ${i}`);

const app = await startWebmail(stack.env);
const ui = await openAppBrowser(app.url);
const page = ui.page;

// Bytes on the wire (encoded, i.e. after compression), from Chromium's own Network events.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
let wire = 0;
cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (wire += e.encodedDataLength));
cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => (wire += e.response.payloadData.length));

await new LoginPage(page).open();
await new LoginPage(page).signIn(user.address, user.password);
const mail = new MailPage(page);
await mail.list.row('Seed message 29').waitFor();
await page.waitForTimeout(1500);
const coldStart = wire;

wire = 0;
await mail.openMessage('Seed message 29');
await mail.reader.waitForMessage('Seed message 29');
await page.waitForTimeout(1000);
const openMessage = wire;

// Push latency: deliver() resolving (Postfix queued it) → the row is in the DOM.
const latencies: number[] = [];
for (let i = 0; i < PROBES; i++) {
  await page.waitForTimeout(1200); // let the mailbox settle: Dovecot batches notifications (~0.5 s)
  const subject = `Latency probe ${i}`;
  await send(subject);
  const t = performance.now();
  await page.waitForFunction((s) => [...document.querySelectorAll('[role="option"]')].some((el) => el.textContent?.includes(s)), subject, {
    polling: 'raf',
    timeout: 15_000,
  });
  latencies.push(performance.now() - t);
}

// Resync: offline for a while, N messages arrive, back online → the newest is visible.
await page.context().setOffline(true);
const offlineStart = performance.now();
for (let i = 0; i < OFFLINE_MESSAGES; i++) await send(`Offline batch ${i}`);
const left = OFFLINE_SECONDS * 1000 - (performance.now() - offlineStart);
if (left > 0) await page.waitForTimeout(left);
const offlineFor = performance.now() - offlineStart;
await page.waitForTimeout(1000);
const t = performance.now();
await page.context().setOffline(false);
await mail.list.row(`Offline batch ${OFFLINE_MESSAGES - 1}`).waitFor({ timeout: 60_000 });
const resync = performance.now() - t;

console.log(`push latency, ${PROBES} deliveries: median ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, min ${ms(Math.min(...latencies))}, max ${ms(Math.max(...latencies))}`);
console.log(`resync after ${(offlineFor / 1000).toFixed(0)} s offline with ${OFFLINE_MESSAGES} new messages: ${ms(resync)} to the newest row`);
console.log(`bytes, cold start on INBOX (login page, sign-in, app shell, folders, first page, socket): ${kb(coldStart)}`);
console.log(`bytes, opening a message: ${kb(openMessage)}`);

await ui.close();
await app.stop();
process.exit(0);

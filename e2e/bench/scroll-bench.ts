// Benchmark (run on demand: `npm run bench:scroll`): scrolling the whole
// 100,000-message list in Debian's Chromium, from the first row to the last,
// at a steady speed. Counts frames slower than 50 ms (a visible stutter) and
// the page requests made and cancelled on the way. Prints numbers; asserts nothing.
import { openAppBrowser } from '../browser.js';
import { createUser, seedBulkMailbox, startMailStack } from '../mailserver/mailstack.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { startWebmail } from '../support/webmail.js';

const FOLDER = 'Bulk';
const COUNT = 100_000;
/** Pixels scrolled per animation frame: 76 px rows, so ~26 rows a frame, the whole list in about 3,800 frames. */
const STEP = Number(process.env.BENCH_SCROLL_STEP ?? 2_000);

const stack = await startMailStack();
const user = await createUser(stack, { localPart: 'bulk', password: 'bulk-password' });
await seedBulkMailbox(stack, user.address, FOLDER, COUNT);
const app = await startWebmail(stack.env);
const ui = await openAppBrowser(app.url);
try {
  const login = new LoginPage(ui.page);
  await login.open();
  await login.signIn(user.address, user.password);
  const mail = new MailPage(ui.page);
  await mail.folders.open(FOLDER);
  await mail.list.waitForRows(5);
  const mark = ui.recorder.mark();
  const failed: string[] = [];
  ui.page.on('requestfailed', (r) => void (new URL(r.url()).pathname === '/api/messages' && failed.push(r.url())));

  // Scrolled inside the page, one step per animation frame, timing every frame there.
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  const scrollAll = new Function(
    'el',
    'step',
    `return new Promise((resolve) => {
      const durations = [];
      let last = performance.now();
      function tick(now) {
        durations.push(now - last);
        last = now;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve(durations);
        el.scrollTop += step;
        requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    });`,
  ) as (el: Element, step: number) => Promise<number[]>;
  const frames = await mail.list.listbox.evaluate(scrollAll, STEP);
  // Let the last pages arrive, then check the bottom shows real rows.
  const lastRows = await mail.list.waitForRows(3);
  const rendered = await mail.list.renderedRows();
  const pageRequests = ui.recorder.matching((u) => new URL(u).pathname === '/api/messages', mark);

  const sorted = [...frames].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
  const slow = frames.filter((f) => f > 50).length;
  console.log(`\nScroll benchmark: ${COUNT.toLocaleString('en')} rows in Chromium, ${STEP} px per frame`);
  console.log(`frames: ${frames.length}; median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
  console.log(`frames slower than 50 ms: ${slow} (${((slow / frames.length) * 100).toFixed(2)}%)`);
  console.log(`page requests while scrolling: ${pageRequests.length} (cancelled or failed: ${failed.length}); ${lastRows} rows rendered at the bottom, last row position ${Math.max(...rendered.map((r) => r.pos))}`);
} finally {
  await ui.close();
  await app.stop();
}

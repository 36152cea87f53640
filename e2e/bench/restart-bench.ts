// Benchmark (run on demand: `npm run bench:restart`): what open tabs see when
// the webmail restarts (issue 12). N signed-in sessions, each polling the
// folder list as a tab would; the server restarts under them. Prints how long
// requests failed, what the first request after the restart cost (session
// resumed from the store + a new IMAP login) against a request on a warm
// session, and how many sessions were lost. Asserts nothing.
import { performance } from 'node:perf_hooks';
import { API } from '../../shared/api.js';
import { createUser, startMailStack } from '../mailserver/mailstack.js';
import { ApiClient } from '../support/api-client.js';
import { startWebmail } from '../support/webmail.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20);
const POLL_MS = 50;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const stack = await startMailStack();
const app = await startWebmail(stack.env, { WEBMAIL_SHUTDOWN_SECONDS: '10' });
const tabs: ApiClient[] = [];
for (let i = 0; i < SESSIONS; i++) {
  // One user per tab: the stack's per-user connection limit stays out of the picture.
  const user = await createUser(stack);
  const api = new ApiClient(app.url, app.caPem);
  if ((await api.login(user.address, user.password)).status !== 200) throw new Error('login failed');
  tabs.push(api);
}

async function timed(api: ApiClient): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  try {
    const res = await api.get(API.mailboxes);
    return { status: res.status, ms: performance.now() - t };
  } catch {
    return { status: 0, ms: performance.now() - t }; // refused or reset: the server is down
  }
}

const warm: number[] = [];
for (const api of tabs) warm.push((await timed(api)).ms);

// Every tab polls until it has had one success after the restart began.
const began = performance.now();
let restarted = false;
const outcomes = tabs.map(async (api) => {
  let firstFailure: number | null = null;
  for (;;) {
    const r = await timed(api);
    const at = performance.now() - began;
    if (r.status === 200 && restarted) return { firstFailure, firstOkAt: at, firstOkAfter: r.ms, lost: false };
    if (r.status === 401) return { firstFailure, firstOkAt: NaN, firstOkAfter: NaN, lost: true };
    if (r.status !== 200) {
      firstFailure ??= at;
    }
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
});
const restartStart = performance.now();
await app.restart();
const restartMs = performance.now() - restartStart;
restarted = true;
const results = await Promise.all(outcomes);

// From a tab's first failed request to its first answered one after the restart.
const downtimes = results.filter((r) => r.firstFailure !== null).map((r) => r.firstOkAt - r.firstFailure!);
console.log(`Restart benchmark: ${SESSIONS} signed-in sessions polling every ${POLL_MS} ms`);
console.log(`stop + start of the server                      ${ms(restartMs)}`);
console.log(`tabs that saw failed requests                    ${downtimes.length} of ${SESSIONS}`);
console.log(`first failure to first answer per tab, median    ${ms(median(downtimes))}  (max ${ms(Math.max(...downtimes))})`);
console.log(`warm request (GET /api/mailboxes), median        ${ms(median(warm))}`);
console.log(`first request after the restart, median         ${ms(median(results.map((r) => r.firstOkAfter)))}  (resume + IMAP login)`);
console.log(`sessions lost (401 after the restart)            ${results.filter((r) => r.lost).length}`);
for (const api of tabs) api.close();
await app.stop();

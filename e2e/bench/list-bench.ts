// Benchmark (run on demand: `npm run bench`): what the list costs through our
// API against the floor of imapflow fetching the same rows directly from the
// same Dovecot on an open, selected connection. Prints medians; asserts nothing.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { ImapFlow } from 'imapflow';
import { API } from '../../shared/api.js';
import { messagePageSchema } from '../../shared/mail.js';
import { SUMMARY_FETCH_QUERY } from '../../server/imap/messages.js';
import { compressUids } from '../../shared/uid-set.js';
import { createUser, seedBulkMailbox, seedRealisticMail, startMailStack } from '../mailserver/mailstack.js';
import { ApiClient } from '../support/api-client.js';
import { probeClient } from '../support/imap-probe.js';
import { startWebmail } from '../support/webmail.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FOLDER = 'Bulk';
const COUNT = 100_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function fetchRows(c: ImapFlow, uids: number[], query: object): Promise<number> {
  let n = 0;
  for await (const _ of c.fetch(compressUids(uids), query, { uid: true })) n++;
  return n;
}

const stack = await startMailStack();
const user = await createUser(stack, { localPart: 'bulk', password: 'bulk-password' });
await seedRealisticMail(stack, user.address);
let t = performance.now();
await seedBulkMailbox(stack, user.address, FOLDER, COUNT);
console.error(`bulk mailbox ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const app = await startWebmail(stack.env);
const api = new ApiClient(app.url, app.caPem);
const q = `mailbox=${encodeURIComponent(FOLDER)}`;

const loginTimes = await time(RUNS, async () => {
  const c = new ApiClient(app.url, app.caPem);
  const res = await c.login(user.address, user.password);
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  await c.request('DELETE', API.session);
  c.close();
});
await api.login(user.address, user.password);

t = performance.now();
const cold = messagePageSchema.parse((await api.get(`${API.messages}?${q}&offset=0&limit=50`)).json);
const coldFirstPage = performance.now() - t;
if (cold.total !== COUNT) throw new Error(`expected ${COUNT} messages, the API says ${cold.total}`);
const firstUids = cold.items.map((m) => m.uid);
const middleUids = messagePageSchema.parse((await api.get(`${API.messages}?${q}&offset=50000&limit=50`)).json).items.map((m) => m.uid);

// The floor: one open connection with the folder selected, the same 50 UIDs, the same FETCH items.
const direct = probeClient(stack.env, user);
await direct.connect();
await direct.mailboxOpen(FOLDER, { readOnly: true });
await fetchRows(direct, firstUids, SUMMARY_FETCH_QUERY);

const floor: number[] = [];
const ours: number[] = [];
const envelopesOnly: number[] = [];
// Interleaved, so machine noise hits both sides alike.
for (let i = 0; i < RUNS; i++) {
  floor.push(...(await time(1, () => fetchRows(direct, firstUids, SUMMARY_FETCH_QUERY))));
  ours.push(...(await time(1, () => api.get(`${API.messages}?${q}&offset=0&limit=50`))));
  envelopesOnly.push(...(await time(1, () => fetchRows(direct, firstUids, { uid: true, envelope: true, flags: true }))));
}
const middle = await time(RUNS, () => api.get(`${API.messages}?${q}&offset=50000&limit=50`));
const middleFloor = await time(RUNS, () => fetchRows(direct, middleUids, SUMMARY_FETCH_QUERY));
const open = await time(RUNS, () => api.get(`${API.message(firstUids[3]!)}?${q}`));
await direct.logout();

// What Roundcube does on every request: connect, log in, select, fetch.
const perRequestLogin = await time(Math.min(RUNS, 7), async () => {
  const c = probeClient(stack.env, user);
  await c.connect();
  await c.mailboxOpen(FOLDER, { readOnly: true });
  await fetchRows(c, firstUids, SUMMARY_FETCH_QUERY);
  await c.logout();
});

const firstPageBody = (await api.get(`${API.messages}?${q}&offset=0&limit=50`)).body;
const firstPageSize = firstPageBody.length;
const firstPageGzip = gzipSync(firstPageBody).length;
api.close();
await app.stop();

const row = (name: string, xs: number[]) => console.log(`${name.padEnd(58)} ${median(xs).toFixed(1).padStart(8)} ms   (n=${xs.length})`);
console.log(`\nList benchmark: ${COUNT.toLocaleString('en')} messages in "${FOLDER}", medians`);
row('login (POST /api/session, IMAPS login)', loginTimes);
row('first page, 50 rows, first request (builds the UID index)', [coldFirstPage]);
row('first page, 50 rows, through our API', ours);
row('floor: same FETCH with imapflow on a selected connection', floor);
row('  (envelopes + flags only, for reference)', envelopesOnly);
row('middle of the mailbox (offset 50,000) through our API', middle);
row('floor for the middle page', middleFloor);
row('open a message (GET /api/messages/:uid)', open);
row('connect + login + select + fetch per request (Roundcube style)', perRequestLogin);
console.log(`\nfirst page / floor: ${(median(ours) / median(floor)).toFixed(2)}x   (target <= 1.3x); our overhead ${(median(ours) - median(floor)).toFixed(1)} ms per page`);
console.log(`middle page / floor: ${(median(middle) / median(middleFloor)).toFixed(2)}x`);
console.log(`per-request login / our first page: ${(median(perRequestLogin) / median(ours)).toFixed(1)}x`);
console.log(`first page JSON: ${firstPageSize} bytes, ${firstPageGzip} gzipped (the API compresses for browsers)`);

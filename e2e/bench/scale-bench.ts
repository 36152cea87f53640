// Benchmark (run on demand: `npm run bench:scale`): issue 5's operations on a
// 100,000-message mailbox through our API, each against its floor, the same
// IMAP commands issued directly with imapflow on the same Dovecot. Prints
// medians; asserts nothing.
//
// "First page" numbers are cold: each run is a fresh webmail session (so no
// cached UID order, thread index or search result) against a fresh IMAP
// connection for the floor; logins are outside the timed part on both sides.
// Warm numbers (the same request again in one session) are printed too.
import { performance } from 'node:perf_hooks';
import type { ImapFlow } from 'imapflow';
import { API } from '../../shared/api.js';
import { bulkEventSchema } from '../../shared/bulk.js';
import { messagePageSchema } from '../../shared/mail.js';
import { threadPageSchema } from '../../shared/threads.js';
import { SUMMARY_FETCH_QUERY } from '../../server/imap/messages.js';
import { rawCommand, type Token } from '../../server/imap/raw.js';
import { compressUids } from '../../shared/uid-set.js';
import { createUser, seedBulkMailbox, startMailStack } from '../mailserver/mailstack.js';
import { ApiClient } from '../support/api-client.js';
import { probeClient } from '../support/imap-probe.js';
import { startWebmail } from '../support/webmail.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FOLDER = 'Bulk';
const COUNT = 100_000;
const PAGE = 50;
const WORD = process.env.BENCH_WORD ?? 'exercitation';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function fetchRows(c: ImapFlow, uids: number[], query: object): Promise<number> {
  if (uids.length === 0) return 0;
  let n = 0;
  for await (const _ of c.fetch(compressUids(uids), query, { uid: true })) n++;
  return n;
}

// ---- the floors: imapflow on one connection, the commands our server needs ----

/** Plain `UID SORT (SUBJECT) UTF-8 ALL`, as the server sends it (sort.ts: ESORT's long set parses slowly in imapflow). */
async function floorSortedPage(c: ImapFlow): Promise<void> {
  await c.mailboxOpen(FOLDER, { readOnly: true });
  const sorted: number[] = [];
  await rawCommand(c, 'UID SORT', [[{ type: 'ATOM', value: 'SUBJECT' }], { type: 'ATOM', value: 'UTF-8' }, { type: 'ATOM', value: 'ALL' }], {
    SORT: async (u) => {
      for (const t of (u.attributes ?? []) as Token[]) sorted.push(Number(t.value));
    },
  });
  await fetchRows(c, sorted.slice(0, PAGE), SUMMARY_FETCH_QUERY);
}

/** THREAD=REFS answers nested lists of UIDs; the page is the 50 threads with the newest activity. */
async function floorThreadPage(c: ImapFlow): Promise<void> {
  await c.mailboxOpen(FOLDER, { readOnly: true });
  const threads: number[][] = [];
  const flatten = (node: unknown, into: number[]) => {
    if (Array.isArray(node)) for (const n of node) flatten(n, into);
    else if (node && typeof node === 'object' && 'value' in node) into.push(Number((node as Token).value));
  };
  await rawCommand(c, 'UID THREAD', [{ type: 'ATOM', value: 'REFS' }, { type: 'ATOM', value: 'UTF-8' }, { type: 'ATOM', value: 'ALL' }], {
    THREAD: async (u) => {
      for (const t of u.attributes ?? []) {
        const members: number[] = [];
        flatten(t, members);
        threads.push(members);
      }
    },
  });
  const page = threads
    .map((m) => ({ m, latest: Math.max(...m) }))
    .sort((a, b) => b.latest - a.latest)
    .slice(0, PAGE);
  await fetchRows(c, page.map((p) => p.latest), SUMMARY_FETCH_QUERY);
  await fetchRows(c, page.flatMap((p) => p.m), { uid: true, flags: true });
}

async function floorBodySearch(c: ImapFlow): Promise<void> {
  await c.mailboxOpen(FOLDER, { readOnly: true });
  const found = (await c.search({ body: WORD }, { uid: true })) || [];
  const page = found.sort((a, b) => b - a).slice(0, PAGE);
  await fetchRows(c, page, SUMMARY_FETCH_QUERY);
}

async function floorMarkAllRead(c: ImapFlow): Promise<void> {
  await c.mailboxOpen(FOLDER);
  await c.messageFlagsAdd('1:*', ['\\Seen'], { uid: true });
}

// ---- setup ----

const stack = await startMailStack();
const user = await createUser(stack, { localPart: 'bench-scale', password: 'bench-scale-password' });
const t = performance.now();
await seedBulkMailbox(stack, user.address, FOLDER, COUNT);
console.error(`bulk mailbox ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const app = await startWebmail(stack.env);
const q = `mailbox=${encodeURIComponent(FOLDER)}`;

async function session(): Promise<ApiClient> {
  const c = new ApiClient(app.url, app.caPem);
  const res = await c.login(user.address, user.password);
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return c;
}
async function connection(): Promise<ImapFlow> {
  const c = probeClient(stack.env, user);
  await c.connect();
  return c;
}
async function ok(c: ApiClient, path: string): Promise<unknown> {
  const res = await c.get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.toString().slice(0, 200)}`);
  return res.json;
}
async function resetUnread(): Promise<void> {
  const c = await connection();
  await c.mailboxOpen(FOLDER);
  await c.messageFlagsRemove('1:*', ['\\Seen'], { uid: true });
  await c.logout();
}

interface Pair {
  name: string;
  ours: number[];
  floor: number[];
  warm?: number[];
}

/** Cold runs, interleaved with the floor so machine noise hits both alike. */
async function coldPair(name: string, path: string, floor: (c: ImapFlow) => Promise<void>, check: (json: unknown) => void): Promise<Pair> {
  const pair: Pair = { name, ours: [], floor: [], warm: [] };
  for (let i = 0; i < RUNS; i++) {
    const api = await session();
    pair.ours.push(await timed(async () => check(await ok(api, path))));
    pair.warm!.push(await timed(() => ok(api, path)));
    await api.request('DELETE', API.session);
    api.close();
    const c = await connection();
    pair.floor.push(await timed(() => floor(c)));
    await c.logout();
  }
  return pair;
}

const results: Pair[] = [];

results.push(
  await coldPair('first page sorted by subject', `${API.messages}?${q}&sort=subject&order=asc&offset=0&limit=${PAGE}`, floorSortedPage, (j) => {
    const p = messagePageSchema.parse(j);
    if (p.total !== COUNT || p.items.length !== PAGE) throw new Error(`sorted page: total ${p.total}, ${p.items.length} rows`);
  }),
);
results.push(
  await coldPair('first page of the thread view', `${API.threads}?${q}&offset=0&limit=${PAGE}`, floorThreadPage, (j) => {
    const p = threadPageSchema.parse(j);
    if (p.items.length !== PAGE) throw new Error(`thread page: ${p.items.length} rows`);
  }),
);
results.push(
  await coldPair(`body search for "${WORD}", first page`, `${API.messages}?${q}&body=${encodeURIComponent(WORD)}&offset=0&limit=${PAGE}`, floorBodySearch, (j) => {
    const p = messagePageSchema.parse(j);
    if (p.items.length === 0) throw new Error(`body search found nothing for ${WORD}`);
  }),
);

// Select-all mark-read: every run starts from all unread (reset untimed).
const markAll: Pair = { name: 'select-all mark-read (100,000 messages)', ours: [], floor: [] };
for (let i = 0; i < RUNS; i++) {
  await resetUnread();
  const api = await session();
  markAll.ours.push(
    await timed(async () => {
      const res = await api.post(API.bulk, { mailbox: FOLDER, action: 'markRead', selection: { kind: 'all' } });
      const events = (res.json as unknown[]).map((e) => bulkEventSchema.parse(e));
      const last = events.at(-1);
      if (res.status !== 200 || last?.type !== 'result' || last.result.affected !== COUNT) throw new Error(`bulk: ${res.status} ${JSON.stringify(last)}`);
    }),
  );
  api.close();
  await resetUnread();
  const c = await connection();
  markAll.floor.push(await timed(() => floorMarkAllRead(c)));
  await c.logout();
}
results.push(markAll);
await app.stop();

const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;
console.log(`\nScale benchmark: ${COUNT.toLocaleString('en')} messages in "${FOLDER}", medians of ${RUNS} runs`);
console.log(`${'operation'.padEnd(44)} ${'ours'.padStart(11)} ${'floor'.padStart(11)}  ratio   ${'warm (cached)'.padStart(13)}`);
for (const r of results) {
  const ratio = median(r.ours) / median(r.floor);
  console.log(`${r.name.padEnd(44)} ${ms(median(r.ours))} ${ms(median(r.floor))}  ${ratio.toFixed(2)}x  ${r.warm ? ms(median(r.warm)) : '          -'}`);
}
console.log('\ntarget: each ratio <= 1.3x');

// Benchmark (run on demand: `npm run bench:search`): a body search for one word
// on the 100,000-message Bulk folder, first page of results through our API,
// against the floor: the same UID SEARCH + FETCH of the newest 50 matches with
// imapflow on an open, selected connection. Prints medians; asserts nothing.
//
// Each run searches a word neither side has searched before (the first names
// the seeder signs bodies with), so our per-session cache does not flatter us;
// the repeat and the next page show what the cache buys afterwards.
import { performance } from 'node:perf_hooks';
import https from 'node:https';
import type { ImapFlow } from 'imapflow';
import { API } from '../../shared/api.js';
import { messagePageSchema } from '../../shared/mail.js';
import { SUMMARY_FETCH_QUERY } from '../../server/imap/messages.js';
import { compressUids } from '../../shared/uid-set.js';
import { createUser, seedBulkMailbox, startMailStack } from '../mailserver/mailstack.js';
import { ApiClient } from '../support/api-client.js';
import { probeClient } from '../support/imap-probe.js';
import { startWebmail } from '../support/webmail.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FOLDER = 'Bulk';
const COUNT = 100_000;
// Signature names in the generated bodies: each matches a few thousand messages.
const WORDS = ['Greta', 'Hiro', 'Jonas', 'Kavya', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Viktor', 'Yara', 'Farid', 'Noah', 'Ines', 'Lars'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

/** The floor: UID SEARCH BODY, then FETCH the newest 50 matches, as a list needs them. */
async function floorFirstPage(c: ImapFlow, word: string): Promise<number> {
  const uids = ((await c.search({ body: word }, { uid: true })) || []).sort((a, b) => b - a).slice(0, 50);
  let n = 0;
  if (uids.length) for await (const _ of c.fetch(compressUids(uids), SUMMARY_FETCH_QUERY, { uid: true })) n++;
  return n;
}

const stack = await startMailStack();
const user = await createUser(stack, { localPart: 'bulk', password: 'bulk-password' });
await seedBulkMailbox(stack, user.address, FOLDER, COUNT);
const app = await startWebmail(stack.env);
const api = new ApiClient(app.url, app.caPem);
await api.login(user.address, user.password);
const page = async (word: string, offset = 0) => {
  const res = await api.get(`${API.messages}?mailbox=${FOLDER}&body=${encodeURIComponent(word)}&offset=${offset}&limit=50`);
  if (res.status !== 200) throw new Error(`search answered ${res.status}`);
  return messagePageSchema.parse(res.json);
};

const direct = probeClient(stack.env, user);
await direct.connect();
await direct.mailboxOpen(FOLDER, { readOnly: true });
// Warm both sides (the folder's files in the OS cache, our session's UID order) with a word not timed below.
await floorFirstPage(direct, 'Uma');
await page('Uma');

const floor: number[] = [];
const ours: number[] = [];
const repeat: number[] = [];
const next: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // Different words on each side, alternating who goes first, so neither profits from the other.
  const [a, b] = i % 2 ? [WORDS[2 * i]!, WORDS[2 * i + 1]!] : [WORDS[2 * i + 1]!, WORDS[2 * i]!];
  const [f, rows] = await timed(() => floorFirstPage(direct, a));
  const [o, p] = await timed(() => page(b));
  if (p.items.length !== Math.min(50, p.total) || rows === 0) throw new Error(`odd answer for ${a}/${b}`);
  floor.push(f);
  ours.push(o);
  repeat.push((await timed(() => page(b)))[0]);
  next.push((await timed(() => page(b, 50)))[0]);
}
await direct.logout();

// Across all folders: time to the last line of the stream.
const [across] = await timed(
  () =>
    new Promise<void>((resolve, reject) => {
      const req = https.request(new URL(`${API.searchAll}?body=Wei`, app.url), { agent: api.agent, headers: { cookie: api.sessionCookie!, accept: 'application/x-ndjson' } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    }),
);
api.close();
await app.stop();

const row = (name: string, xs: number[]) => console.log(`${name.padEnd(62)} ${median(xs).toFixed(1).padStart(9)} ms   (n=${xs.length})`);
console.log(`\nSearch benchmark: body search for one word in ${COUNT.toLocaleString('en')} messages ("${FOLDER}"), medians`);
row('floor: UID SEARCH BODY + FETCH newest 50, imapflow, selected', floor);
row('first page of results through our API (a word never searched)', ours);
row('the same search again (kept in the session)', repeat);
row('its second page', next);
row('every folder, to the last NDJSON line (one word)', [across]);
console.log(`\nfirst page / floor: ${(median(ours) / median(floor)).toFixed(2)}x   (target <= 1.3x)`);

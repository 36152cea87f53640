// Benchmark (run on demand: `npm run bench:bulk`): select-all mark-read on a
// 100,000-message folder through POST API.bulk, against the floor of one
// `UID STORE 1:* +FLAGS (\Seen)` sent directly with imapflow to the same
// Dovecot, and against the same change sent directly in chunks of N UIDs (the
// measurement behind BULK_CHUNK_UIDS in server/imap/bulk.ts).
//
// Variants run interleaved, round after round, each from the same state (all
// unread), so a noisy neighbour slows all of them alike. Besides wall time it
// reports CPU time: of the Dovecot imap processes serving the variant, and of
// this process (which also runs the webmail server), which a shared machine
// disturbs far less than wall time. Prints medians; asserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ImapFlow } from 'imapflow';
import { API } from '../../shared/api.js';
import { bulkEventSchema } from '../../shared/bulk.js';
import { createUser, seedBulkMailbox, startMailStack } from '../mailserver/mailstack.js';
import { ApiClient } from '../support/api-client.js';
import { probeClient } from '../support/imap-probe.js';
import { startWebmail } from '../support/webmail.js';

const FOLDER = 'Bulk';
const COUNT = 100_000;
const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_CHUNKS ?? '1000,5000,10000,25000').split(',').filter(Boolean).map(Number);

const stack = await startMailStack();
const user = await createUser(stack, { localPart: 'bulkbench', password: 'bulkbench-password' });
await seedBulkMailbox(stack, user.address, FOLDER, COUNT);

const conf = readdirSync(`${stack.runDir}/dovecot`).find((f) => f.endsWith('.conf'))!;
const instance = /instance_name = (\S+)/.exec(readFileSync(`${stack.runDir}/dovecot/${conf}`, 'utf8'))![1];
/** The imap processes of this stack's Dovecot. */
function imapPids(): Set<number> {
  const out = new Set<number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').startsWith(`dovecot-${instance}/imap\0`)) out.add(Number(d));
    } catch {
      // gone
    }
  }
  return out;
}
/** CPU ms (user + system, 100 Hz ticks) used so far by these processes; one that ended counts 0. */
const cpuOf = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return sum;
    }
    const f = stat.split(') ')[1]!.split(' ');
    return sum + (Number(f[11]) + Number(f[12])) * 10;
  }, 0);
const nodeMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function newImapPids(open: () => Promise<unknown>): Promise<number[]> {
  const before = imapPids();
  await open();
  return [...imapPids()].filter((p) => !before.has(p));
}

const direct: ImapFlow = probeClient(stack.env, user);
const directPids = await newImapPids(() => direct.connect());
await direct.mailboxOpen(FOLDER);
const uids = (await direct.search({ all: true }, { uid: true })) || [];

const app = await startWebmail(stack.env);
const api = new ApiClient(app.url, app.caPem);
const apiPids = await newImapPids(() => api.login(user.address, user.password));

async function chunked(n: number) {
  for (let i = 0; i < uids.length; i += n) {
    const part = uids.slice(i, i + n);
    await direct.messageFlagsAdd(`${part[0]}:${part[part.length - 1]}`, ['\\Seen'], { uid: true, silent: true });
  }
}
async function viaApi() {
  const res = await api.post(API.bulk, { mailbox: FOLDER, action: 'markRead', selection: { kind: 'all' } });
  const lines = res.body.toString('utf8').trim().split('\n');
  const last = bulkEventSchema.parse(JSON.parse(lines.at(-1)!));
  if (last.type !== 'result' || last.result.affected !== COUNT) throw new Error(`bulk: ${lines.at(-1)}`);
}

type Variant = { label: string; pids: number[]; run: () => Promise<unknown> };
const variants: Variant[] = [
  { label: 'floor: one UID STORE 1:* +FLAGS', pids: directPids, run: () => direct.messageFlagsAdd('1:*', ['\\Seen'], { uid: true }) },
  { label: 'API.bulk select-all markRead', pids: apiPids, run: viaApi },
  ...SIZES.map((n) => ({ label: `direct chunks of ${n} .SILENT`, pids: directPids, run: () => chunked(n) })),
];
const results = new Map(variants.map((v) => [v.label, { wall: [] as number[], dovecot: [] as number[], node: [] as number[] }]));
for (let round = 0; round < ROUNDS; round++) {
  for (const v of variants) {
    await direct.messageFlagsRemove('1:*', ['\\Seen'], { uid: true, silent: true });
    await direct.noop();
    const [w, d, n] = [performance.now(), cpuOf(v.pids), nodeMs()];
    await v.run();
    const r = results.get(v.label)!;
    r.wall.push(performance.now() - w);
    r.dovecot.push(cpuOf(v.pids) - d);
    r.node.push(nodeMs() - n);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor = results.get(variants[0]!.label)!;
const floorCpu = median(floor.dovecot) + median(floor.node);
console.log(`${COUNT} messages, ${ROUNDS} rounds, medians (wall times on a shared machine are noisy; CPU less so)`);
for (const [label, r] of results) {
  const cpu = median(r.dovecot) + median(r.node);
  console.log(
    `${label.padEnd(34)} wall ${median(r.wall).toFixed(0).padStart(6)} ms (${(median(r.wall) / median(floor.wall)).toFixed(2)}×)` +
      `   cpu dovecot ${median(r.dovecot).toFixed(0).padStart(5)} + node ${median(r.node).toFixed(0).padStart(5)} = ${cpu.toFixed(0).padStart(5)} ms (${(cpu / floorCpu).toFixed(2)}×)`,
  );
}
await direct.logout();
api.close();
await app.stop();

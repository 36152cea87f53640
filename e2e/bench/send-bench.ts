// Benchmark (run on demand: `node --import tsx e2e/bench/send-bench.ts`):
// 1. time from "send" (POST /api/send, undo delay 0) to "sent" for a message
//    with a 10 MiB attachment, uploaded first through the chunked upload API;
// 2. the webmail server's memory while 10 sessions each send a message with an
//    18 MiB attachment at once (the largest that passes the test stack's
//    Postfix message_size_limit of 25 MiB once base64 is counted).
// The server runs in a child process (this file, with SEND_BENCH_CHILD set),
// so its RSS is its own; it is read from /proc/<pid>/status every 50 ms.
// Prints numbers; asserts nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { COMPOSE_API, outboxEntrySchema } from '../../shared/compose.js';
import { draftOf, settled, upload } from '../support/compose.js';
import { createUser, startMailStack, waitForMessage, type TestUser } from '../mailserver/mailstack.js';
import { ApiClient } from '../support/api-client.js';
import { startWebmail } from '../support/webmail.js';

const MiB = 1024 * 1024;

// ---------------------------------------------------------------- the parent
interface Child {
  proc: ChildProcess;
  url: string;
  caPem: string;
  stop(): Promise<void>;
  /** 'reset' the child's own peak counters, or ask for them ('peak'). */
  ask(msg: 'reset' | 'peak'): Promise<{ heapUsed: number; arrayBuffers: number } | null>;
}

async function startChild(stackEnv: Record<string, string>, overrides: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, SEND_BENCH_CHILD: JSON.stringify({ stackEnv, overrides }) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string; caPem: string }>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the webmail child exited with ${code} before it was ready`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as { url: string; caPem: string });
    });
  });
  return {
    proc,
    ...ready,
    ask: (msg) =>
      new Promise((resolve) => {
        if (msg === 'reset') {
          proc.send(msg);
          return resolve(null);
        }
        proc.once('message', (m) => resolve(m as { heapUsed: number; arrayBuffers: number }));
        proc.send(msg);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets VmHWM to the current RSS (Linux: "5" > /proc/<pid>/clear_refs); false when not permitted. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function loggedIn(child: Child, user: TestUser): Promise<ApiClient> {
  const api = new ApiClient(child.url, child.caPem);
  const res = await api.login(user.address, user.password);
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return api;
}

/** POST /api/send with no undo delay; resolves when the outbox says it went (the entry is gone). */
async function sendAndSettle(api: ApiClient, from: string, to: string, subject: string, attachment: { uploadId: string; size: number }): Promise<void> {
  const draft = draftOf(from, {
    subject,
    to: [{ name: '', address: to }],
    html: '<p>The file is attached.</p>',
    attachments: [{ uploadId: attachment.uploadId, filename: 'data.bin', contentType: 'application/octet-stream', size: attachment.size, contentId: null }],
  });
  const res = await api.post(COMPOSE_API.send, { draft, sendAt: null });
  if (res.status !== 202) throw new Error(`send: ${res.status} ${JSON.stringify(res.json)}`);
  const failed = await settled(api, outboxEntrySchema.parse(res.json).id, 300_000);
  if (failed) throw new Error(`send failed: ${failed.error}`);
}

async function main(): Promise<void> {
  const RUNS = Number(process.env.BENCH_RUNS ?? 5);
  const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10);
  const BIG = Number(process.env.BENCH_BIG_MIB ?? 18) * MiB;
  const stack = await startMailStack();
  // BENCH_ENV='{"WEBMAIL_SMTP_SAVE_SENT":"false"}' adds settings, to see what each step costs.
  const env = { WEBMAIL_UNDO_SEND_SECONDS: '0', WEBMAIL_LOG_LEVEL: 'silent', ...(JSON.parse(process.env.BENCH_ENV ?? '{}') as Record<string, string>) };

  // ------------------------------------------------------------ 1. send → sent
  const recipient = await createUser(stack);
  const sender = await createUser(stack);
  let child = await startChild(stack.env, env);
  const api = await loggedIn(child, sender);
  const ten = randomBytes(10 * MiB);
  const uploadMs: number[] = [];
  const settledMs: number[] = [];
  const deliveredMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const file = await upload(api, child.caPem, 'data.bin', 'application/octet-stream', ten);
    uploadMs.push(performance.now() - t);
    const subject = `Bench 10 MiB ${i} ${randomBytes(3).toString('hex')}`;
    t = performance.now();
    const delivered = waitForMessage(stack, recipient.address, subject, { timeoutMs: 120_000 }).then(() => performance.now() - t);
    await sendAndSettle(api, sender.address, recipient.address, subject, { uploadId: file.uploadId, size: ten.length });
    settledMs.push(performance.now() - t);
    deliveredMs.push(await delivered);
  }
  api.close();
  await child.stop();

  // ------------------------------------------------------------ 2. memory under 10 parallel sends
  child = await startChild(stack.env, env);
  const pid = child.proc.pid!;
  const senders = await Promise.all(Array.from({ length: SESSIONS }, () => createUser(stack)));
  const clients = await Promise.all(senders.map((u) => loggedIn(child, u)));
  const big = randomBytes(BIG);
  const uploads: Array<{ uploadId: string }> = [];
  for (const c of clients) uploads.push(await upload(c, child.caPem, 'data.bin', 'application/octet-stream', big));
  await new Promise((r) => setTimeout(r, 1000));
  const reset = resetPeak(pid);
  await child.ask('reset');
  const baseline = memoryOf(pid);
  let sampledPeak = baseline.rss;
  const sampler = setInterval(() => {
    try {
      sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
    } catch {
      // the child is gone
    }
  }, 50);
  const t = performance.now();
  const subjects = clients.map((_, i) => `Bench parallel ${i} ${randomBytes(3).toString('hex')}`);
  await Promise.all(clients.map((c, i) => sendAndSettle(c, senders[i]!.address, recipient.address, subjects[i]!, { uploadId: uploads[i]!.uploadId, size: big.length })));
  const allSettled = performance.now() - t;
  await Promise.all(subjects.map((s) => waitForMessage(stack, recipient.address, s, { timeoutMs: 300_000 })));
  const allDelivered = performance.now() - t;
  clearInterval(sampler);
  const end = memoryOf(pid);
  const inside = (await child.ask('peak'))!;
  clients.forEach((c) => c.close());
  await child.stop();

  const row = (name: string, value: string) => console.log(`${name.padEnd(62)} ${value}`);
  console.log(`\nSend benchmark (undo delay 0, the test stack's Postfix + Dovecot on loopback)`);
  console.log(`\n1. one message with a 10 MiB attachment, median of ${RUNS}`);
  row('upload, 1 MiB chunks (POST + 10 PUT /api/uploads)', `${median(uploadMs).toFixed(0)} ms   [${uploadMs.map((x) => x.toFixed(0)).join(', ')}]`);
  row('POST /api/send → outbox entry gone (submitted, filed in Sent)', `${median(settledMs).toFixed(0)} ms   [${settledMs.map((x) => x.toFixed(0)).join(', ')}]`);
  row("POST /api/send → in the recipient's INBOX (doveadm, 150 ms polls)", `${median(deliveredMs).toFixed(0)} ms   [${deliveredMs.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`\n2. ${SESSIONS} sessions each send a ${mb(BIG)} attachment at once (${mb(BIG * SESSIONS)} of files, ~${mb(Math.ceil(BIG / 57) * 78 * SESSIONS)} of MIME)`);
  row('server RSS before the sends (after the uploads)', mb(baseline.rss));
  row(`peak RSS during the sends (VmHWM${reset ? ', reset before the sends' : ', since start'})`, mb(end.hwm));
  row('peak RSS sampled every 50 ms', mb(sampledPeak));
  row('growth (peak − baseline)', mb(Math.max(end.hwm, sampledPeak) - baseline.rss));
  row('RSS after all were delivered', mb(end.rss));
  row('  peak V8 heap used (process.memoryUsage, 50 ms samples)', mb(inside.heapUsed));
  row('  peak Buffers/ArrayBuffers alive (same samples)', mb(inside.arrayBuffers));
  row('all outbox entries gone', `${(allSettled / 1000).toFixed(1)} s`);
  row("all in the recipient's INBOX", `${(allDelivered / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- child or parent
// (at the end, so every const above is initialised before main runs)
if (process.env.SEND_BENCH_CHILD) {
  const { stackEnv, overrides } = JSON.parse(process.env.SEND_BENCH_CHILD) as { stackEnv: Record<string, string>; overrides: Record<string, string> };
  const app = await startWebmail(stackEnv, overrides);
  // What the process itself holds (V8 heap, Buffers), beside the RSS the parent reads: tells live data from memory the allocator kept.
  let peak = { heapUsed: 0, arrayBuffers: 0 };
  setInterval(() => {
    const m = process.memoryUsage();
    peak = { heapUsed: Math.max(peak.heapUsed, m.heapUsed), arrayBuffers: Math.max(peak.arrayBuffers, m.arrayBuffers) };
  }, 50).unref();
  process.on('message', (msg) => {
    if (msg === 'peak') process.send!(peak);
    if (msg === 'reset') peak = { heapUsed: 0, arrayBuffers: 0 };
  });
  process.stdout.write(`READY ${JSON.stringify({ url: app.url, caPem: app.caPem })}\n`);
  process.once('SIGTERM', () => void app.stop().finally(() => process.exit(0)));
} else {
  await main();
}

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { blankDraft, draftSchema, outboxListSchema, type Draft } from '../../shared/compose.js';
import { SecretBox } from '../session/secret-box.js';
import { AppError } from '../errors.js';
import { createLogger } from '../log/logger.js';
import { MIGRATIONS } from '../store/db.js';
import { SqliteOutboxStore } from '../store/outbox.js';
import { MAX_TIMER_MS, Outbox, type OutboxJob, type PreparedMessage } from './outbox.js';

const ANN = 'ann@example.test';
const BOB = 'bob@example.test';
const PASSWORD = 'correct horse battery staple';

const temp = useTempDatabase('outbox-test-');
let clock: number;
let box: SecretBox;
let delivered: OutboxJob[];
let failed: { job: OutboxJob; err: AppError }[];
let deliver: (job: OutboxJob) => Promise<void>;
const outboxes: Outbox[] = [];

function draft(subject = 'Hello'): Draft {
  return draftSchema.parse({
    ...blankDraft('draft-0123456789abcdef', { name: 'Ann', address: ANN }),
    to: [{ name: 'Carl', address: 'carl@example.test' }],
    bcc: [{ name: '', address: 'secret@example.test' }],
    subject,
    format: 'text',
    html: null,
    text: 'Hi',
  });
}

let rawCount = 0;
function prepared(): PreparedMessage {
  const rawPath = path.join(temp.dir, `built-${rawCount++}.eml`);
  writeFileSync(rawPath, 'Subject: Hello\r\n\r\nHi\r\n');
  return { rawPath, envelope: { from: ANN, to: ['carl@example.test', 'secret@example.test'] }, messageId: '<x@example.test>', size: 23 };
}

function newOutbox(database = temp.db): Outbox {
  const o = new Outbox({
    store: new SqliteOutboxStore(database),
    dir: path.join(temp.dir, 'outbox'),
    secretBox: box,
    deliver: (job) => deliver(job),
    onFailed: async (job, err) => void failed.push({ job, err }),
    log: createLogger('silent'),
    now: () => clock,
  });
  outboxes.push(o);
  return o;
}

function row(id: string): Record<string, unknown> {
  return temp.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Record<string, unknown>;
}

async function code(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a failure');
}

beforeEach(() => {
  clock = Date.parse('2030-01-01T12:00:00Z');
  box = new SecretBox('a test server secret that is long enough');
  delivered = [];
  failed = [];
  deliver = async (job) => void delivered.push(job);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  vi.useRealTimers();
  for (const o of outboxes.splice(0)) await o.stop();
});

/** Deliveries hang, as on a slow SMTP server, until the returned function lets the latest one finish. */
function holdDeliveries(): () => void {
  let release: (() => void) | undefined;
  deliver = (job) => {
    delivered.push(job);
    return new Promise<void>((r) => (release = r));
  };
  return () => release!();
}

/** Moves the wall clock and the timers together. */
async function advance(ms: number): Promise<void> {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

describe('openDatabase', () => {
  it('uses WAL, records the schema version, and migrates an existing file only once', () => {
    expect(temp.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(temp.db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: MIGRATIONS.length });
    temp.db.close();
    temp.reopen();
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
  });
});

describe('Outbox', () => {
  it('holds a message for the undo delay, then delivers it, erasing the password and the raw file', async () => {
    let rawAtDelivery = '';
    deliver = async (job) => {
      delivered.push(job);
      rawAtDelivery = readFileSync(job.prepared.rawPath, 'utf8');
    };
    const outbox = newOutbox();
    outbox.start();
    const p = prepared();
    const entry = outbox.schedule(ANN, PASSWORD, p, draft(), new Date(clock + 10_000));
    expect(entry).toMatchObject({ subject: 'Hello', state: 'waiting', error: null, sendAt: new Date(clock + 10_000).toISOString() });
    expect(entry.to).toEqual([{ name: 'Carl', address: 'carl@example.test' }]);

    // The outbox owns the file now, privately; the password is stored sealed, never in clear.
    const stored = row(entry.id);
    expect(existsSync(p.rawPath)).toBe(false);
    expect(statSync(stored.raw_path as string).mode & 0o777).toBe(0o600);
    expect(stored.sealed_password).toEqual(expect.any(String));
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(outboxListSchema.parse({ entries: outbox.list(ANN) }).entries).toHaveLength(1);

    await advance(9_999);
    expect(delivered).toHaveLength(0);
    await advance(1);
    expect(delivered).toHaveLength(1);
    const job = delivered[0]!;
    expect(job).toMatchObject({ id: entry.id, owner: ANN, password: PASSWORD, draft: draft() });
    expect(job.prepared.envelope.to).toContain('secret@example.test');
    expect(rawAtDelivery).toBe('Subject: Hello\r\n\r\nHi\r\n');

    await vi.advanceTimersByTimeAsync(0);
    expect(row(entry.id)).toMatchObject({ state: 'sent', sealed_password: null });
    expect(existsSync(job.prepared.rawPath)).toBe(false);
    expect(outbox.list(ANN)).toEqual([]);
  });

  it('cancel within the window returns the draft, erases the password and the file, and nothing is sent', async () => {
    const outbox = newOutbox();
    outbox.start();
    const entry = outbox.schedule(ANN, PASSWORD, prepared(), draft('Oops'), new Date(clock + 10_000));
    await advance(5_000);
    expect(outbox.cancel(ANN, entry.id)).toEqual(draft('Oops'));
    expect(row(entry.id)).toMatchObject({ state: 'cancelled', sealed_password: null });
    expect(existsSync(row(entry.id).raw_path as string)).toBe(false);
    await advance(60_000);
    expect(delivered).toHaveLength(0);
    expect(outbox.list(ANN)).toEqual([]);
    // A retried DELETE whose answer was lost gets the same draft again.
    expect(outbox.cancel(ANN, entry.id).subject).toBe('Oops');
  });

  it("is scoped by owner: another owner's cancel is OUTBOX_NOT_FOUND and their list is empty", async () => {
    const outbox = newOutbox();
    outbox.start();
    const entry = outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock + 10_000));
    expect(await code(() => outbox.cancel(BOB, entry.id))).toBe('OUTBOX_NOT_FOUND');
    expect(await code(() => outbox.cancel(ANN, 'no-such-id'))).toBe('OUTBOX_NOT_FOUND');
    expect(outbox.list(BOB)).toEqual([]);
    expect(row(entry.id).state).toBe('waiting');
  });

  it('TOO_LATE_TO_CANCEL once sending has begun, and after it was sent', async () => {
    const release = holdDeliveries();
    const outbox = newOutbox();
    outbox.start();
    const entry = outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock + 1_000));
    await advance(1_000);
    expect(delivered).toHaveLength(1);
    expect(row(entry.id).state).toBe('sending');
    expect(outbox.list(ANN)[0]!.state).toBe('sending');
    expect(await code(() => outbox.cancel(ANN, entry.id))).toBe('TOO_LATE_TO_CANCEL');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(row(entry.id).state).toBe('sent');
    expect(await code(() => outbox.cancel(ANN, entry.id))).toBe('TOO_LATE_TO_CANCEL');
  });

  it('a failed send records the code, erases the password, then hands the job to onFailed', async () => {
    deliver = async () => {
      expect(failed).toHaveLength(0);
      throw new AppError('SMTP_REJECTED', 'relay denied');
    };
    const outbox = newOutbox();
    outbox.start();
    const entry = outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock));
    await vi.advanceTimersByTimeAsync(0);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.err.code).toBe('SMTP_REJECTED');
    // onFailed needs the password to put the message back into Drafts over IMAP; the row no longer has it.
    expect(failed[0]!.job.password).toBe(PASSWORD);
    expect(row(entry.id)).toMatchObject({ state: 'failed', error: 'SMTP_REJECTED', sealed_password: null });
    expect(outbox.list(ANN)).toEqual([expect.objectContaining({ id: entry.id, state: 'failed', error: 'SMTP_REJECTED' })]);
    // Dismissing a failed entry removes it from the list.
    outbox.cancel(ANN, entry.id);
    expect(outbox.list(ANN)).toEqual([]);
  });

  it('an error that is not an AppError becomes INTERNAL', async () => {
    deliver = async () => {
      throw new Error('socket hang up');
    };
    const outbox = newOutbox();
    outbox.start();
    const entry = outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock));
    await vi.advanceTimersByTimeAsync(0);
    expect(row(entry.id)).toMatchObject({ state: 'failed', error: 'INTERNAL', sealed_password: null });
  });

  it('survives a restart: a waiting message is sent by a new process, at once if its time passed meanwhile', async () => {
    const first = newOutbox();
    first.start();
    const soon = first.schedule(ANN, PASSWORD, prepared(), draft('soon'), new Date(clock + 10_000));
    const later = first.schedule(ANN, PASSWORD, prepared(), draft('later'), new Date(clock + 3_600_000));
    await first.stop();
    temp.db.close();

    clock += 60_000; // the process was down for a minute
    temp.reopen();
    const second = newOutbox();
    second.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered.map((j) => j.id)).toEqual([soon.id]);
    expect(delivered[0]!.password).toBe(PASSWORD);
    expect(row(soon.id)).toMatchObject({ state: 'sent', sealed_password: null });
    expect(row(later.id)).toMatchObject({ state: 'waiting' });

    await advance(3_600_000 - 60_000);
    expect(delivered.map((j) => j.id)).toEqual([soon.id, later.id]);
  });

  it('a send interrupted by a crash is marked failed at restart, not sent twice', async () => {
    const first = newOutbox();
    first.start();
    const entry = first.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock + 10_000));
    // What a crash between the claim and the answer leaves behind.
    temp.db.prepare(`UPDATE outbox SET state = 'sending' WHERE id = ?`).run(entry.id);
    await first.stop();
    temp.db.close();

    temp.reopen();
    const second = newOutbox();
    second.start();
    await advance(60_000);
    expect(delivered).toHaveLength(0);
    expect(row(entry.id)).toMatchObject({ state: 'failed', error: 'SMTP_UNAVAILABLE', sealed_password: null });
    expect(failed.map((f) => f.job.id)).toEqual([entry.id]);
    expect(failed[0]!.job.password).toBe(PASSWORD);
  });

  it('re-arms timers for sends further away than setTimeout can wait', async () => {
    const outbox = newOutbox();
    outbox.start();
    const sendAt = clock + MAX_TIMER_MS + 5_000_000;
    outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(sendAt));
    await advance(MAX_TIMER_MS);
    expect(delivered).toHaveLength(0);
    await advance(4_999_999);
    expect(delivered).toHaveLength(0);
    await advance(1);
    expect(delivered).toHaveLength(1);
  });

  it('a timer that fires early by the wall clock (clock set back) waits again instead of sending early', async () => {
    const outbox = newOutbox();
    outbox.start();
    outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock + 10_000));
    clock -= 5_000; // NTP sets the clock back: the timer's 10 s end 5 s before the send time
    await advance(10_000);
    expect(delivered).toHaveLength(0);
    await advance(4_999);
    expect(delivered).toHaveLength(0);
    await advance(1);
    expect(delivered).toHaveLength(1);
  });

  it('stop waits for a send in flight; waiting messages stay for the next start', async () => {
    const release = holdDeliveries();
    const outbox = newOutbox();
    outbox.start();
    const now = outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock));
    const waiting = outbox.schedule(ANN, PASSWORD, prepared(), draft(), new Date(clock + 10_000));
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = outbox.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(row(now.id).state).toBe('sent');
    await advance(60_000);
    expect(row(waiting.id).state).toBe('waiting');
    expect(delivered).toHaveLength(1);
  });

  it('lists newest first', async () => {
    const outbox = newOutbox();
    outbox.start();
    const a = outbox.schedule(ANN, PASSWORD, prepared(), draft('a'), new Date(clock + 60_000));
    clock += 1;
    const b = outbox.schedule(ANN, PASSWORD, prepared(), draft('b'), new Date(clock + 30_000));
    expect(outbox.list(ANN).map((e) => e.id)).toEqual([b.id, a.id]);
  });
});

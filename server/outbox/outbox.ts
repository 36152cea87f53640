import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Draft, OutboxEntry, Recipient } from '../../shared/compose.js';
import type { SecretBox } from '../session/secret-box.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { OutboxRecord, OutboxStore } from '../store/outbox.js';

/**
 * The durable outbox behind undo send and send later (issue 3). A message
 * waits here, as a raw .eml file and a row in the store, until its time; then it
 * goes out even if the browser is gone, and after a restart of the process.
 *
 * The user's password is needed for SMTP AUTH when the time comes, so it is
 * kept sealed with the server secret (SecretBox) while the message waits,
 * and erased from the row the moment the message is sent, fails or is
 * cancelled.
 *
 * At most once: a job is marked `sending` in the database before it is
 * handed to `deliver`. If the process dies mid-send, the restart cannot know
 * whether the submission server took the message, so it marks the job failed
 * (and returns it to Drafts) rather than risk sending it twice.
 */

export interface PreparedMessage {
  /** The raw RFC 5322 file built by the compose side, without a Bcc header. */
  rawPath: string;
  /** The SMTP envelope; `to` includes the Bcc recipients. */
  envelope: { from: string; to: string[] };
  messageId: string;
  size: number;
}

export interface OutboxJob {
  id: string;
  owner: string;
  password: string;
  prepared: PreparedMessage;
  draft: Draft;
  sendAt: Date;
}

export interface OutboxOptions {
  store: OutboxStore;
  /** Where the outbox keeps its .eml files, e.g. `<dataDir>/outbox`. */
  dir: string;
  secretBox: SecretBox;
  deliver: (job: OutboxJob) => Promise<void>;
  /** Called after a job failed and its row says so; the compose side puts the message back into Drafts. */
  onFailed: (job: OutboxJob, err: AppError) => Promise<void>;
  log: Logger;
  /** Wall-clock milliseconds; injected by tests. */
  now?: () => number;
}

/** setTimeout's largest delay; a later send re-arms when the timer fires. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Sent and cancelled rows are kept this long (for the list's "sent" state, and support), then pruned at start. */
const KEEP_FINISHED_MS = 7 * 24 * 60 * 60 * 1000;

export class Outbox {
  private readonly store: OutboxStore;
  private readonly dir: string;
  private readonly now: () => number;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly opts: OutboxOptions) {
    this.store = opts.store;
    this.dir = path.resolve(opts.dir);
    this.now = opts.now ?? (() => Date.now());
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  schedule(owner: string, password: string, prepared: PreparedMessage, draft: Draft, sendAt: Date): OutboxEntry {
    const id = randomBytes(24).toString('base64url');
    const rawPath = path.join(this.dir, `${id}.eml`);
    moveFile(prepared.rawPath, rawPath);
    chmodSync(rawPath, 0o600);
    const t = this.now();
    const shown: Recipient[] = draft.to.length > 0 ? draft.to : [...draft.cc, ...draft.bcc];
    try {
      this.store.insert({
        id,
        owner,
        sendAt: sendAt.getTime(),
        rawPath,
        envelope: { envelope: prepared.envelope, messageId: prepared.messageId, size: prepared.size },
        draft,
        subject: draft.subject,
        recipients: shown,
        sealedPassword: this.opts.secretBox.seal(password),
        createdAt: t,
      });
    } catch (err) {
      rmSync(rawPath, { force: true });
      throw err;
    }
    if (!this.stopped) this.arm(id, sendAt.getTime());
    return toEntry(this.store.get(id)!);
  }

  /** Takes a waiting message back; returns its draft so the client reopens it. */
  cancel(owner: string, id: string): Draft {
    const row = this.store.getOwned(owner, id);
    if (!row) throw new AppError('OUTBOX_NOT_FOUND', 'No such message in the outbox.');
    if (row.state === 'sending' || row.state === 'sent') throw new AppError('TOO_LATE_TO_CANCEL', 'The message has already gone to the mail server.');
    // Failed (already back in Drafts) is dismissed from the list; cancelled again answers the same, so a retried DELETE is harmless.
    if (row.state === 'waiting' || row.state === 'failed') {
      this.disarm(id);
      this.store.cancel(owner, id, row.state, this.now());
      rmSync(row.rawPath, { force: true });
    }
    return row.draft;
  }

  /** The owner's waiting, sending and failed messages, newest first. */
  list(owner: string): OutboxEntry[] {
    return this.store.listActive(owner).map(toEntry);
  }

  /** Messages per state, every owner together: for the admin's metrics, never for a user. */
  countByState(): Record<string, number> {
    return this.store.countByState();
  }

  /** Picks up after a restart: waiting jobs are armed (overdue ones run at once), interrupted sends are failed. */
  start(): void {
    this.stopped = false;
    const t = this.now();
    this.store.pruneFinished(t - KEEP_FINISHED_MS);
    for (const row of this.store.interrupted()) {
      this.opts.log.warn({ outboxId: row.id }, 'outbox: a send was interrupted by a restart; not resending blindly');
      const err = new AppError('SMTP_UNAVAILABLE', 'The webmail restarted while this message was being sent; it may not have gone out, so it is back in Drafts.');
      this.track(this.fail(row, err));
    }
    for (const { id, sendAt } of this.store.waiting()) this.arm(id, sendAt);
  }

  /** Clears the timers and waits for sends under way. Waiting jobs stay in the database for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) this.disarm(id);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private arm(id: string, sendAt: number): void {
    this.disarm(id);
    const delay = Math.max(0, Math.min(sendAt - this.now(), MAX_TIMER_MS));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      if (this.stopped) return;
      // Timers measure elapsed time, the send time is wall-clock: check again, and re-arm for far-future sends.
      if (sendAt > this.now()) return this.arm(id, sendAt);
      this.track(this.run(id));
    }, delay);
    timer.unref();
    this.timers.set(id, timer);
  }

  private disarm(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((err) => this.opts.log.error({ err }, 'outbox: job bookkeeping failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async run(id: string): Promise<void> {
    // Synchronous claim: no cancel can come between the check and the update.
    if (!this.store.claim(id, this.now())) return; // cancelled meanwhile
    const row = this.store.get(id)!;
    let job: OutboxJob;
    try {
      job = this.jobOf(row);
    } catch (err) {
      // Typically a changed server secret: the sealed password cannot be opened.
      this.opts.log.error({ outboxId: id, err }, 'outbox: cannot open the stored credentials');
      return this.fail(row, new AppError('SMTP_AUTH_FAILED', 'The stored credentials could not be read; sign in again and resend.'));
    }
    try {
      await this.opts.deliver(job);
    } catch (err) {
      const appError = err instanceof AppError ? err : new AppError('INTERNAL', 'Sending failed.', { cause: err });
      if (!(err instanceof AppError)) this.opts.log.error({ outboxId: id, err }, 'outbox: deliver threw a non-AppError');
      return this.fail(row, appError, job);
    }
    this.store.markSent(id, this.now());
    rmSync(row.rawPath, { force: true });
  }

  /** Records the failure and erases the password first, then lets the compose side restore the draft. */
  private async fail(row: OutboxRecord, err: AppError, job?: OutboxJob): Promise<void> {
    const theJob = job ?? this.jobOrBlank(row);
    this.store.markFailed(row.id, err.code, this.now());
    try {
      await this.opts.onFailed(theJob, err);
    } catch (e) {
      this.opts.log.error({ outboxId: row.id, err: e }, 'outbox: onFailed threw');
    } finally {
      // onFailed may read the raw file; after it, nothing needs it.
      rmSync(row.rawPath, { force: true });
    }
  }

  private jobOf(row: OutboxRecord): OutboxJob {
    return {
      id: row.id,
      owner: row.owner,
      password: row.sealedPassword === null ? '' : this.opts.secretBox.open(row.sealedPassword),
      prepared: { ...row.envelope, rawPath: row.rawPath },
      draft: row.draft,
      sendAt: new Date(row.sendAt),
    };
  }

  /** The job, with an empty password when the sealed one cannot be opened. */
  private jobOrBlank(row: OutboxRecord): OutboxJob {
    try {
      return this.jobOf(row);
    } catch {
      return this.jobOf({ ...row, sealedPassword: null });
    }
  }
}

function toEntry(row: OutboxRecord): OutboxEntry {
  return {
    id: row.id,
    subject: row.subject,
    to: row.recipients,
    sendAt: new Date(row.sendAt).toISOString(),
    state: row.state,
    error: row.error,
  };
}

/** Rename when on the same filesystem; copy and delete across filesystems (EXDEV). */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

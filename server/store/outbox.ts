import type { Draft, OutboxEntry, Recipient } from '../../shared/compose.js';
import type { Database } from './db.js';

/**
 * The outbox's rows (migration 1 in db.ts): one per message waiting, sending,
 * sent, failed or cancelled. The scheduling logic lives in outbox/outbox.ts;
 * this is only where its state is kept, so a second backend can keep it
 * elsewhere behind the same interface (DESIGN.md §8).
 */

export type OutboxState = OutboxEntry['state'];

/** The SMTP side of a prepared message, as stored beside its raw file. */
export interface StoredEnvelope {
  envelope: { from: string; to: string[] };
  messageId: string;
  size: number;
}

export interface OutboxRecord {
  id: string;
  owner: string;
  /** Wall-clock milliseconds. */
  sendAt: number;
  state: OutboxState;
  rawPath: string;
  envelope: StoredEnvelope;
  draft: Draft;
  subject: string;
  /** What the list shows: To, or Cc and Bcc when To is empty. */
  recipients: Recipient[];
  /** Null once the message is sent, failed or cancelled: the password never outlives its use. */
  sealedPassword: string | null;
  /** The error code of a failed send. */
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface OutboxStore {
  insert(record: Omit<OutboxRecord, 'state' | 'error' | 'updatedAt'>): void;
  get(id: string): OutboxRecord | undefined;
  getOwned(owner: string, id: string): OutboxRecord | undefined;
  /** The owner's waiting, sending and failed messages, newest first. */
  listActive(owner: string): OutboxRecord[];
  /** Waiting or failed → cancelled, erasing the password; false when the state changed meanwhile. */
  cancel(owner: string, id: string, from: OutboxState, at: number): boolean;
  /** Waiting → sending; false when it was cancelled meanwhile (the claim that makes a send at most once). */
  claim(id: string, at: number): boolean;
  markSent(id: string, at: number): void;
  markFailed(id: string, code: string, at: number): void;
  /** Jobs a previous process was sending when it stopped. */
  interrupted(): OutboxRecord[];
  waiting(): Array<{ id: string; sendAt: number }>;
  /** Drops sent and cancelled rows last changed before `before`. */
  pruneFinished(before: number): void;
  /** Messages per state, every owner together (metrics). */
  countByState(): Record<string, number>;
}

interface Row {
  id: string;
  owner: string;
  send_at: number;
  state: OutboxState;
  raw_path: string;
  envelope_json: string;
  draft_json: string;
  subject: string | null;
  recipients_json: string | null;
  sealed_password: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
}

function toRecord(row: Row): OutboxRecord {
  return {
    id: row.id,
    owner: row.owner,
    sendAt: row.send_at,
    state: row.state,
    rawPath: row.raw_path,
    envelope: JSON.parse(row.envelope_json) as StoredEnvelope,
    draft: JSON.parse(row.draft_json) as Draft,
    subject: row.subject ?? '',
    recipients: row.recipients_json ? (JSON.parse(row.recipients_json) as Recipient[]) : [],
    sealedPassword: row.sealed_password,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqliteOutboxStore implements OutboxStore {
  constructor(private readonly db: Database) {}

  insert(r: Omit<OutboxRecord, 'state' | 'error' | 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO outbox (id, owner, send_at, state, raw_path, envelope_json, draft_json, subject, recipients_json, sealed_password, error, created_at, updated_at)
         VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      )
      .run(r.id, r.owner, r.sendAt, r.rawPath, JSON.stringify(r.envelope), JSON.stringify(r.draft), r.subject, JSON.stringify(r.recipients), r.sealedPassword, r.createdAt, r.createdAt);
  }

  get(id: string): OutboxRecord | undefined {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  getOwned(owner: string, id: string): OutboxRecord | undefined {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ? AND owner = ?').get(id, owner) as Row | undefined;
    return row && toRecord(row);
  }

  listActive(owner: string): OutboxRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM outbox WHERE owner = ? AND state IN ('waiting', 'sending', 'failed') ORDER BY created_at DESC, rowid DESC`)
      .all(owner) as Row[];
    return rows.map(toRecord);
  }

  cancel(owner: string, id: string, from: OutboxState, at: number): boolean {
    const result = this.db
      .prepare(`UPDATE outbox SET state = 'cancelled', sealed_password = NULL, updated_at = ? WHERE id = ? AND owner = ? AND state = ?`)
      .run(at, id, owner, from);
    return result.changes > 0;
  }

  claim(id: string, at: number): boolean {
    return this.db.prepare(`UPDATE outbox SET state = 'sending', updated_at = ? WHERE id = ? AND state = 'waiting'`).run(at, id).changes > 0;
  }

  markSent(id: string, at: number): void {
    this.db.prepare(`UPDATE outbox SET state = 'sent', sealed_password = NULL, updated_at = ? WHERE id = ?`).run(at, id);
  }

  markFailed(id: string, code: string, at: number): void {
    this.db.prepare(`UPDATE outbox SET state = 'failed', error = ?, sealed_password = NULL, updated_at = ? WHERE id = ?`).run(code, at, id);
  }

  interrupted(): OutboxRecord[] {
    return (this.db.prepare(`SELECT * FROM outbox WHERE state = 'sending'`).all() as Row[]).map(toRecord);
  }

  waiting(): Array<{ id: string; sendAt: number }> {
    const rows = this.db.prepare(`SELECT id, send_at FROM outbox WHERE state = 'waiting'`).all() as Array<Pick<Row, 'id' | 'send_at'>>;
    return rows.map((r) => ({ id: r.id, sendAt: r.send_at }));
  }

  pruneFinished(before: number): void {
    this.db.prepare(`DELETE FROM outbox WHERE state IN ('sent', 'cancelled') AND updated_at < ?`).run(before);
  }

  countByState(): Record<string, number> {
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }
}

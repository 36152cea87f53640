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

/** The columns under the record's names; the JSON ones are parsed in toRecord(). */
const COLUMNS = `id, owner, send_at AS sendAt, state, raw_path AS rawPath, envelope_json AS envelope, draft_json AS draft,
  subject, recipients_json AS recipients, sealed_password AS sealedPassword, error, created_at AS createdAt, updated_at AS updatedAt`;

type Row = Omit<OutboxRecord, 'envelope' | 'draft' | 'subject' | 'recipients'> & {
  envelope: string;
  draft: string;
  subject: string | null;
  recipients: string | null;
};

function toRecord(row: Row): OutboxRecord {
  return {
    ...row,
    envelope: JSON.parse(row.envelope) as StoredEnvelope,
    draft: JSON.parse(row.draft) as Draft,
    subject: row.subject ?? '',
    recipients: row.recipients ? (JSON.parse(row.recipients) as Recipient[]) : [],
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
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as Row | undefined;
    return row && toRecord(row);
  }

  getOwned(owner: string, id: string): OutboxRecord | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ? AND owner = ?`).get(id, owner) as Row | undefined;
    return row && toRecord(row);
  }

  listActive(owner: string): OutboxRecord[] {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM outbox WHERE owner = ? AND state IN ('waiting', 'sending', 'failed') ORDER BY created_at DESC, rowid DESC`)
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
    return (this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE state = 'sending'`).all() as Row[]).map(toRecord);
  }

  waiting(): Array<{ id: string; sendAt: number }> {
    return this.db.prepare(`SELECT id, send_at AS sendAt FROM outbox WHERE state = 'waiting'`).all() as Array<{ id: string; sendAt: number }>;
  }

  pruneFinished(before: number): void {
    this.db.prepare(`DELETE FROM outbox WHERE state IN ('sent', 'cancelled') AND updated_at < ?`).run(before);
  }

  countByState(): Record<string, number> {
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }
}

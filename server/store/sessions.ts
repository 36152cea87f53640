import { createHash } from 'node:crypto';
import type { Database } from './db.js';

/**
 * Signed-in sessions as stored (migration 6 in db.ts), so a restart signs
 * nobody out (issue 12). A row holds what it takes to carry on: the login,
 * the CSRF token, and the password sealed under the session secret
 * (session/secret-box.ts). The cookie's id is never stored, only its SHA-256:
 * a copy of the database does not hand out live sessions.
 */
export interface SessionRecord {
  /** SHA-256 of the cookie's id (sessionKey()). */
  key: string;
  address: string;
  csrfToken: string;
  sealedPassword: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionRecords {
  put(record: SessionRecord): void;
  get(key: string): SessionRecord | undefined;
  touch(key: string, lastSeenAt: number): void;
  /** Replaces the sealed password (a session opened with the previous secret is sealed again with the current one). */
  reseal(key: string, sealedPassword: string): void;
  /** Deleting the row erases the sealed password with it. */
  remove(key: string): void;
  /** Deletes rows idle since before `idleBefore` or created before `createdBefore`; answers how many. */
  purge(idleBefore: number, createdBefore: number): number;
  count(): number;
}

/** The stored key of a session id: its SHA-256, hex. */
export function sessionKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * The session's id in logs, ours and the mail servers' (IMAP ID x-session-id):
 * the first 64 bits of its stored key. Enough to tell sessions apart and to
 * join log lines; it can neither be turned back into the cookie's id nor be
 * used as one.
 */
export function sessionLogId(key: string): string {
  return key.slice(0, 16);
}

interface Row {
  key: string;
  address: string;
  csrf_token: string;
  sealed_password: string;
  created_at: number;
  last_seen_at: number;
}

export class SqliteSessionRecords implements SessionRecords {
  constructor(private readonly db: Database) {}

  put(r: SessionRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sessions (key, address, csrf_token, sealed_password, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.key, r.address, r.csrfToken, r.sealedPassword, r.createdAt, r.lastSeenAt);
  }

  get(key: string): SessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE key = ?').get(key) as Row | undefined;
    if (!row) return undefined;
    return { key: row.key, address: row.address, csrfToken: row.csrf_token, sealedPassword: row.sealed_password, createdAt: row.created_at, lastSeenAt: row.last_seen_at };
  }

  touch(key: string, lastSeenAt: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE key = ? AND last_seen_at < ?').run(lastSeenAt, key, lastSeenAt);
  }

  reseal(key: string, sealedPassword: string): void {
    this.db.prepare('UPDATE sessions SET sealed_password = ? WHERE key = ?').run(sealedPassword, key);
  }

  remove(key: string): void {
    this.db.prepare('DELETE FROM sessions WHERE key = ?').run(key);
  }

  purge(idleBefore: number, createdBefore: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(idleBefore, createdBefore).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
  }
}

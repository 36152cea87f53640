import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The webmail's own SQLite file, `<dataDir>/webmail.sqlite` (DESIGN.md §8).
 * Each later issue appends a migration; `schema_version` records how far a
 * file has come, so an upgraded server brings an old file forward at start.
 */

export type Database = BetterSqlite3.Database;

/** Applied in order, each once, each in a transaction. Append only: never edit a released step. */
export const MIGRATIONS: readonly string[] = [
  // 1: the outbox for undo send and send later (issue 3).
  `CREATE TABLE outbox (
     id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     send_at INTEGER NOT NULL,
     state TEXT NOT NULL,
     raw_path TEXT NOT NULL,
     envelope_json TEXT NOT NULL,
     draft_json TEXT NOT NULL,
     subject TEXT,
     recipients_json TEXT,
     sealed_password TEXT,
     error TEXT,
     created_at INTEGER,
     updated_at INTEGER
   );
   CREATE INDEX outbox_owner ON outbox (owner, created_at);
   CREATE INDEX outbox_state ON outbox (state, send_at);`,
  // 2: senders whose remote images a user always loads, through the proxy (issue 6 part 5).
  `CREATE TABLE remote_senders (
     owner TEXT NOT NULL,
     sender TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (owner, sender)
   ) WITHOUT ROWID;`,
  // 3: each user's settings, one JSON document per owner (issue 7 part 3; server/store/settings.ts).
  `CREATE TABLE user_settings (
     owner TEXT PRIMARY KEY,
     document TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // 4: the address book (issue 7 part 1).
  // Every table leads with the owner, so each lookup is one index range of one user's rows.
  `CREATE TABLE contacts (
     owner TEXT NOT NULL,
     id TEXT NOT NULL,
     name TEXT NOT NULL,
     notes TEXT NOT NULL,
     search TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (owner, id)
   ) WITHOUT ROWID;
   CREATE INDEX contacts_by_name ON contacts (owner, search);
   CREATE TABLE contact_emails (
     owner TEXT NOT NULL,
     contact_id TEXT NOT NULL,
     position INTEGER NOT NULL,
     address TEXT NOT NULL,
     address_key TEXT NOT NULL,
     label TEXT NOT NULL,
     PRIMARY KEY (owner, contact_id, position)
   ) WITHOUT ROWID;
   CREATE INDEX contact_emails_by_address ON contact_emails (owner, address_key);
   CREATE TABLE contact_phones (
     owner TEXT NOT NULL,
     contact_id TEXT NOT NULL,
     position INTEGER NOT NULL,
     number TEXT NOT NULL,
     label TEXT NOT NULL,
     PRIMARY KEY (owner, contact_id, position)
   ) WITHOUT ROWID;
   CREATE TABLE contact_groups (
     owner TEXT NOT NULL,
     id TEXT NOT NULL,
     name TEXT NOT NULL,
     name_key TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (owner, id),
     UNIQUE (owner, name_key)
   ) WITHOUT ROWID;
   CREATE TABLE contact_group_members (
     owner TEXT NOT NULL,
     group_id TEXT NOT NULL,
     contact_id TEXT NOT NULL,
     PRIMARY KEY (owner, group_id, contact_id)
   ) WITHOUT ROWID;
   CREATE INDEX contact_group_members_by_contact ON contact_group_members (owner, contact_id);`,
  // 5: sender identities, From/Reply-To/signature per user (issue 7 part 2, server/identities/).
  `CREATE TABLE identities (
     id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     name TEXT NOT NULL,
     address TEXT NOT NULL,
     reply_to TEXT,
     signature_format TEXT NOT NULL,
     signature_body TEXT NOT NULL,
     is_default INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX identities_owner ON identities (owner, created_at);
   CREATE UNIQUE INDEX identities_one_default ON identities (owner) WHERE is_default = 1;`,
  // 6: signed-in sessions, so a restart signs nobody out (issue 12; server/store/sessions.ts).
  // The key is the SHA-256 of the cookie's id, never the id itself.
  `CREATE TABLE sessions (
     key TEXT PRIMARY KEY,
     address TEXT NOT NULL,
     csrf_token TEXT NOT NULL,
     sealed_password TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);`,
];

export function openDatabase(file: string): Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(file);
  try {
    // WAL: readers never wait for the writer, and a crash mid-write leaves the last commit intact.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(`${db.name} has schema version ${current}, newer than this server (${MIGRATIONS.length}); upgrade the server.`);
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(current + i + 1);
    })();
  });
}

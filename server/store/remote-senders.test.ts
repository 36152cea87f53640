import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase, type Database } from './db.js';
import { RemoteSenders } from './remote-senders.js';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'remote-senders-'));
  db = openDatabase(path.join(dir, 'webmail.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RemoteSenders', () => {
  it('keeps one list per owner, in lower case, without duplicates', () => {
    const store = new RemoteSenders(db);
    store.add('alice@example.test', 'News@Shop.example');
    store.add('alice@example.test', 'news@shop.example');
    store.add('alice@example.test', 'friend@example.org');
    store.add('bob@example.test', 'bank@example.net');
    expect(store.list('alice@example.test')).toEqual(['friend@example.org', 'news@shop.example']);
    expect(store.list('bob@example.test')).toEqual(['bank@example.net']);
    expect(store.has('alice@example.test', 'NEWS@shop.example')).toBe(true);
    expect(store.has('bob@example.test', 'news@shop.example')).toBe(false);
  });

  it("removes only from the owner's own list", () => {
    const store = new RemoteSenders(db);
    store.add('alice@example.test', 'news@shop.example');
    store.add('bob@example.test', 'news@shop.example');
    store.remove('bob@example.test', 'news@shop.example');
    expect(store.list('bob@example.test')).toEqual([]);
    expect(store.list('alice@example.test')).toEqual(['news@shop.example']);
  });

  it('brings an outbox-only database forward: the table arrives by migration, and reopening is idempotent', () => {
    db.close();
    const file = path.join(dir, 'old.sqlite');
    // A file from before this issue: only migration 1 applied.
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    raw.exec(MIGRATIONS[0]!);
    raw.prepare('INSERT INTO schema_version (version) VALUES (1)').run();
    raw.close();
    db = openDatabase(file);
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(MIGRATIONS.length);
    new RemoteSenders(db).add('a@example.test', 'b@example.test');
    db.close();
    db = openDatabase(file);
    expect(new RemoteSenders(db).list('a@example.test')).toEqual(['b@example.test']);
  });
});

import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { MIGRATIONS } from './db.js';
import { RemoteSenders } from './remote-senders.js';

const temp = useTempDatabase('remote-senders-');



describe('RemoteSenders', () => {
  it('keeps one list per owner, in lower case, without duplicates', () => {
    const store = new RemoteSenders(temp.db);
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
    const store = new RemoteSenders(temp.db);
    store.add('alice@example.test', 'news@shop.example');
    store.add('bob@example.test', 'news@shop.example');
    store.remove('bob@example.test', 'news@shop.example');
    expect(store.list('bob@example.test')).toEqual([]);
    expect(store.list('alice@example.test')).toEqual(['news@shop.example']);
  });

  it('brings an outbox-only database forward: the table arrives by migration, and reopening is idempotent', () => {
    temp.db.close();
    const file = path.join(temp.dir, 'old.sqlite');
    // A file from before this issue: only migration 1 applied.
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    raw.exec(MIGRATIONS[0]!);
    raw.prepare('INSERT INTO schema_version (version) VALUES (1)').run();
    raw.close();
    temp.reopen(file);
    expect((temp.db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(MIGRATIONS.length);
    new RemoteSenders(temp.db).add('a@example.test', 'b@example.test');
    temp.db.close();
    temp.reopen(file);
    expect(new RemoteSenders(temp.db).list('a@example.test')).toEqual(['b@example.test']);
  });
});

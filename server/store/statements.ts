import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './db.js';

/**
 * Prepares each SQL text once per database: better-sqlite3 compiles on every
 * prepare(), which dominated an import of thousands of cards.
 */
export function statementCache(db: Database): (sql: string) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

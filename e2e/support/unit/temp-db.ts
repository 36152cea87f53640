import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Database } from '../../../server/store/db.js';

/**
 * Per-test scratch space for unit tests: each test gets its own folder (and
 * SQLite file), so tests never see each other's rows. Lives under e2e/support
 * so that neither the server build nor the test globs pick it up.
 */

/** Whether each test gets its own (the default), or the file's tests share one. */
export interface ScopeOption {
  scope?: 'test' | 'file';
}

function hooks(scope: ScopeOption['scope']) {
  return scope === 'file' ? { before: beforeAll, after: afterAll } : { before: beforeEach, after: afterEach };
}

/** A fresh temporary folder for each test (or for the file), removed after it. */
export function useTempDir(prefix: string, { scope }: ScopeOption = {}): { readonly path: string } {
  const { before, after } = hooks(scope);
  let dir: string | undefined;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    get path() {
      if (!dir) throw new Error('the temporary folder exists only while a test runs');
      return dir;
    },
  };
}

export interface TempDatabase {
  /** The test's folder, for other files next to the database. */
  readonly dir: string;
  /** The database file (webmail.sqlite in `dir`). */
  readonly file: string;
  /** The open database, migrated as the server opens it. */
  readonly db: Database;
  /** Opens `file` (default: the test's own) as `db` anew, closing the current one: a server restart. */
  reopen(file?: string): Database;
}

/** A fresh, migrated SQLite database (openDatabase) in its own folder for each test (or for the file); closed and removed after it. */
export function useTempDatabase(prefix: string, { scope }: ScopeOption = {}): TempDatabase {
  const { before, after } = hooks(scope);
  const dir = useTempDir(prefix, { scope });
  let db: Database | undefined;
  const file = () => path.join(dir.path, 'webmail.sqlite');
  const reopen = (f = file()) => {
    if (db?.open) db.close();
    return (db = openDatabase(f));
  };
  before(() => void reopen());
  // Registered after the folder's hooks, so it runs before the folder goes.
  after(() => {
    if (db?.open) db.close();
    db = undefined;
  });
  return {
    get dir() {
      return dir.path;
    },
    get file() {
      return file();
    },
    get db() {
      if (!db) throw new Error('the database exists only while a test runs');
      return db;
    },
    reopen,
  };
}

import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import type { Logger } from '../log/logger.js';
import type { Database } from './db.js';

/**
 * Each user's settings (issue 7 part 3), behind the small store interface of
 * DESIGN.md §8: SQLite in the data directory by default, something shared
 * (a SQL server) for a multi-node deployment. Callers pass the owner from
 * the session (`settingsOwner`), never from the request.
 */
export interface SettingsStore {
  /** The whole document: what the user chose, completed with the defaults. */
  get(owner: string): Settings;
  /** Changes the given fields only (already validated) and answers with the whole document. */
  patch(owner: string, patch: SettingsPatch): Settings;
}

/**
 * The key of a user's settings: the login address, lower-cased, so signing in
 * as "Ann@Example.test" one day and "ann@example.test" the next (Dovecot
 * accepts both) finds the same settings.
 */
export function settingsOwner(address: string): string {
  return address.trim().toLowerCase();
}

type Field = keyof Settings;
const SHAPE = settingsSchema.shape;
const FIELDS = Object.keys(SHAPE) as Field[];

/**
 * What survives of a stored document: the fields that still validate. A field
 * the schema no longer has is dropped without a word (a later version removed
 * it); a field with a value the schema refuses (a range narrowed, a hand-edited
 * row) is dropped with a log line, and the default takes its place. A
 * document that is not a JSON object at all is logged and ignored whole.
 */
export function readStoredDocument(json: string, onProblem: (problem: string) => void): Partial<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    onProblem('not JSON');
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    onProblem('not an object');
    return {};
  }
  const kept: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const field of FIELDS) {
    if (!Object.hasOwn(raw, field)) continue;
    // unwrap(): the field's own check without its default, so a stored null is refused, not defaulted.
    const parsed = SHAPE[field].unwrap().safeParse((raw as Record<string, unknown>)[field]);
    if (parsed.success) kept[field] = parsed.data;
    else bad.push(field);
  }
  if (bad.length > 0) onProblem(`invalid ${bad.join(', ')}`);
  return kept as Partial<Settings>;
}

export interface SqliteSettingsStoreOptions {
  /** The document of a user who never chose anything (the admin's undo delay included). */
  defaults: Settings;
  log: Logger;
  now?: () => number;
}

/**
 * One row per owner in `user_settings` (migration 3), holding only the fields
 * the user set: a default that changes later (the admin's undo delay) still
 * reaches everyone who never chose their own. Every statement names the owner.
 */
export class SqliteSettingsStore implements SettingsStore {
  private readonly defaults: Settings;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: SqliteSettingsStoreOptions,
  ) {
    this.defaults = settingsSchema.parse(options.defaults);
    this.log = options.log;
    this.now = options.now ?? Date.now;
  }

  get(owner: string): Settings {
    return this.complete(this.chosen(owner));
  }

  patch(owner: string, patch: SettingsPatch): Settings {
    const write = this.db.transaction(() => {
      const next = { ...this.chosen(owner), ...patch };
      this.db
        .prepare(
          `INSERT INTO user_settings (owner, document, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (owner) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
        )
        .run(owner, JSON.stringify(next), this.now());
      return next;
    });
    return this.complete(write());
  }

  /** The fields this owner set, cleaned of anything that no longer validates. */
  private chosen(owner: string): Partial<Settings> {
    const row = this.db.prepare('SELECT document FROM user_settings WHERE owner = ?').get(owner) as { document: string } | undefined;
    if (!row) return {};
    return readStoredDocument(row.document, (problem) =>
      this.log.warn({ event: 'settings.corrupt', user: owner, problem }, 'stored settings partly unreadable; using defaults for those fields'),
    );
  }

  private complete(chosen: Partial<Settings>): Settings {
    return { ...this.defaults, ...chosen };
  }
}

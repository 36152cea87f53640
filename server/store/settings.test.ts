import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.js';
import { readStoredDocument, settingsOwner, SqliteSettingsStore } from './settings.js';

const temp = useTempDatabase('settings-store-');

let logged: Array<Record<string, unknown>>;

function store(defaults: Settings = DEFAULT_SETTINGS): SqliteSettingsStore {
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  return new SqliteSettingsStore(temp.db, { defaults, log, now: () => 1_700_000_000_000 });
}

/** A row as an older server (or a hand edit) left it. */
function storeRaw(owner: string, document: string): void {
  temp.db.prepare('INSERT OR REPLACE INTO user_settings (owner, document, updated_at) VALUES (?, ?, 0)').run(owner, document);
}

beforeEach(() => {
  logged = [];
});

describe('SqliteSettingsStore', () => {
  it('answers the defaults for someone who never chose anything', () => {
    expect(store().get('ann@example.test')).toEqual(DEFAULT_SETTINGS);
  });

  it('changes only the patched fields, and keeps one document per owner', () => {
    const s = store();
    expect(s.patch('ann@example.test', { theme: 'dark', pageSize: 100 })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', pageSize: 100 });
    expect(s.patch('ann@example.test', { language: 'fr' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', pageSize: 100, language: 'fr' });
    s.patch('bob@example.test', { theme: 'light' });
    expect(s.get('ann@example.test').theme).toBe('dark');
    expect(s.get('bob@example.test')).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM user_settings').get()).toEqual({ n: 2 });
  });

  it('stores only what the user chose, so a later change of a default still reaches them', () => {
    store({ ...DEFAULT_SETTINGS, undoSendSeconds: 10 }).patch('ann@example.test', { theme: 'dark' });
    const stored = temp.db.prepare('SELECT document FROM user_settings WHERE owner = ?').get('ann@example.test') as { document: string };
    expect(JSON.parse(stored.document)).toEqual({ theme: 'dark' });
    // The admin now sets WEBMAIL_UNDO_SEND_SECONDS=30: Ann, who never chose, follows; her theme stays.
    expect(store({ ...DEFAULT_SETTINGS, undoSendSeconds: 30 }).get('ann@example.test')).toMatchObject({ theme: 'dark', undoSendSeconds: 30 });
  });

  it('keeps a user’s own choice over the admin default, including 0', () => {
    store().patch('ann@example.test', { undoSendSeconds: 0 });
    expect(store({ ...DEFAULT_SETTINGS, undoSendSeconds: 30 }).get('ann@example.test').undoSendSeconds).toBe(0);
  });

  it('completes an old document, written before some fields existed, with the defaults and no complaint', () => {
    storeRaw('ann@example.test', JSON.stringify({ pageSize: 25, theme: 'dark' }));
    expect(store().get('ann@example.test')).toEqual({ ...DEFAULT_SETTINGS, pageSize: 25, theme: 'dark' });
    expect(logged).toEqual([]);
  });

  it('drops a field a later version removed, silently', () => {
    storeRaw('ann@example.test', JSON.stringify({ theme: 'dark', fontSize: 'huge' }));
    expect(store().get('ann@example.test')).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(logged).toEqual([]);
  });

  it('replaces an invalid field by its default, keeps the valid ones, and says so in the log', () => {
    storeRaw('ann@example.test', JSON.stringify({ pageSize: 5000, theme: 'dark', language: 'klingon', keyboardShortcuts: null }));
    expect(store().get('ann@example.test')).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, event: 'settings.corrupt', user: 'ann@example.test', problem: 'invalid pageSize, language, keyboardShortcuts' });
  });

  it.each([
    ['not JSON', '{"theme": "dark"'],
    ['not an object', '["dark"]'],
    ['not an object', 'null'],
  ])('falls back to the defaults for a document that is %s, with a log line', (problem, document) => {
    storeRaw('ann@example.test', document);
    expect(store().get('ann@example.test')).toEqual(DEFAULT_SETTINGS);
    expect(logged.map((l) => l.problem)).toEqual([problem]);
  });

  it('a patch over a corrupt document writes a clean one', () => {
    storeRaw('ann@example.test', JSON.stringify({ pageSize: 'many', theme: 'dark' }));
    const s = store();
    expect(s.patch('ann@example.test', { language: 'fr' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', language: 'fr' });
    const stored = temp.db.prepare('SELECT document FROM user_settings WHERE owner = ?').get('ann@example.test') as { document: string };
    expect(JSON.parse(stored.document)).toEqual({ theme: 'dark', language: 'fr' });
  });
});

describe('readStoredDocument', () => {
  it('keeps every valid field as it was', () => {
    const problems: string[] = [];
    const all = { ...DEFAULT_SETTINGS, pageSize: 200, timeZone: 'Europe/Paris', dateFormat: 'iso' };
    expect(readStoredDocument(JSON.stringify(all), (p) => problems.push(p))).toEqual(all);
    expect(problems).toEqual([]);
  });
});

describe('settingsOwner', () => {
  it('is the login address in lower case, so the same person finds the same settings however they typed it', () => {
    expect(settingsOwner(' Ann@Example.TEST ')).toBe('ann@example.test');
  });
});

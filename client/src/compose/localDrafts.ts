import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LocalDraftRecord, LocalDrafts } from './draftStore.js';

interface DraftDb extends DBSchema {
  drafts: { key: string; value: LocalDraftRecord; indexes: { account: string } };
}

let db: Promise<IDBPDatabase<DraftDb>> | null = null;
function open(): Promise<IDBPDatabase<DraftDb>> {
  db ??= openDB<DraftDb>('webmail-drafts', 1, {
    upgrade(database) {
      const store = database.createObjectStore('drafts', { keyPath: 'draftId' });
      store.createIndex('account', 'account');
    },
  });
  return db;
}

/**
 * The browser's copy of open drafts, keyed by draftId. Only what the person
 * typed lives here (no tokens, no passwords); it is removed after sending or
 * discarding. Without IndexedDB (some private windows) every call rejects and
 * DraftSync carries on with the server alone.
 */
export const idbLocalDrafts: LocalDrafts = {
  get: async (id) => (await open()).get('drafts', id),
  put: async (record) => void (await (await open()).put('drafts', record)),
  delete: async (id) => (await open()).delete('drafts', id),
  list: async (account) => (await open()).getAllFromIndex('drafts', 'account', account),
};

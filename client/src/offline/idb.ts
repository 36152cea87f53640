import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DEFAULT_BOUNDS, OfflineStore, type OfflineBackend, type QueuedAction, type RecordMeta } from './store.js';
import { createWiper, localJournal } from './wipe.js';

interface OfflineDb extends DBSchema {
  /** Small records pruning reads without touching message bodies. */
  meta: { key: string; value: RecordMeta; indexes: { account: string } };
  data: { key: string; value: { id: string; data: unknown } };
  queue: { key: number; value: QueuedAction; indexes: { account: string } };
  settings: { key: string; value: { key: string; value: string } };
}

let db: Promise<IDBPDatabase<OfflineDb>> | null = null;
function open(): Promise<IDBPDatabase<OfflineDb>> {
  db ??= openDB<OfflineDb>('webmail-offline', 1, {
    upgrade(database) {
      database.createObjectStore('meta', { keyPath: 'id' }).createIndex('account', 'account');
      database.createObjectStore('data', { keyPath: 'id' });
      database.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true }).createIndex('account', 'account');
      database.createObjectStore('settings', { keyPath: 'key' });
    },
  }).catch((err: unknown) => {
    db = null; // try again next time (a private window may refuse for good; every call then rejects)
    throw err;
  });
  return db;
}

const LAST_ACCOUNT = 'lastAccount';

/** The IndexedDB backend of OfflineStore (same library and habits as compose/localDrafts.ts). */
export const idbOfflineBackend: OfflineBackend = {
  getData: async (id) => (await (await open()).get('data', id))?.data,
  put: async (meta, data) => {
    const tx = (await open()).transaction(['meta', 'data'], 'readwrite');
    await Promise.all([tx.objectStore('meta').put(meta), tx.objectStore('data').put({ id: meta.id, data }), tx.done]);
  },
  touch: async (meta) => {
    const tx = (await open()).transaction('meta', 'readwrite');
    if (await tx.store.get(meta.id)) await tx.store.put(meta);
    await tx.done;
  },
  metas: async (account) => (await open()).getAllFromIndex('meta', 'account', account),
  remove: async (ids) => {
    const tx = (await open()).transaction(['meta', 'data'], 'readwrite');
    await Promise.all([...ids.flatMap((id) => [tx.objectStore('meta').delete(id), tx.objectStore('data').delete(id)]), tx.done]);
  },
  // The key is generated: the record handed to put() has no seq yet.
  enqueue: async (action) => (await open()).add('queue', action as QueuedAction),
  // autoIncrement keys grow, so key order is queue order.
  queued: async (account) => (await (await open()).getAllFromIndex('queue', 'account', account)).sort((a, b) => a.seq - b.seq),
  dequeue: async (seq) => (await open()).delete('queue', seq),
  wipe: async (account, { keepQueue }) => {
    const database = await open();
    const tx = database.transaction(['meta', 'data', 'queue'], 'readwrite');
    const ids = await tx.objectStore('meta').index('account').getAllKeys(account);
    const work: Promise<unknown>[] = ids.flatMap((id) => [tx.objectStore('meta').delete(id), tx.objectStore('data').delete(id)]);
    if (!keepQueue) {
      for (const seq of await tx.objectStore('queue').index('account').getAllKeys(account)) work.push(tx.objectStore('queue').delete(seq));
    }
    await Promise.all([...work, tx.done]);
  },
  getLastAccount: async () => (await (await open()).get('settings', LAST_ACCOUNT))?.value,
  setLastAccount: async (account) => {
    const database = await open();
    if (account === null) await database.delete('settings', LAST_ACCOUNT);
    else await database.put('settings', { key: LAST_ACCOUNT, value: account });
  },
};

/** Sign-out's wipes of this store, with retries, the person told of a failure, and the rest finished on the next load. */
export const offlineWiper = createWiper({ erase: (job) => idbOfflineStore.wipe(job.account, { keepQueue: job.keepQueue }), journal: localJournal() });

/** The app's one offline store; an account whose wipe is still pending is served from it to nobody. */
export const idbOfflineStore = new OfflineStore(idbOfflineBackend, DEFAULT_BOUNDS, Date.now, offlineWiper.pending);

import type { MessageActionRequest } from '../../../shared/api.js';

/**
 * Offline reading (issue 4 §5): the browser keeps a bounded copy of what the
 * person looked at — the folder list, the first pages of the folders they
 * opened lately, the messages they opened — so a dead link still shows it.
 * Everything is keyed by the signed-in address and wiped at sign-out.
 *
 * Mail data lives here, under the app's control, and never in the service
 * worker's Cache Storage: that one cannot tell users apart or be wiped per
 * account. The storage sits behind OfflineBackend so the bounding and the
 * queue are tested in memory (idb.ts has the IndexedDB one).
 */

export type RecordKind = 'mailboxes' | 'page' | 'message';

/** What is stored about a copy apart from its data, so pruning never reads message bodies. */
export interface RecordMeta {
  id: string;
  account: string;
  kind: RecordKind;
  mailbox: string | null;
  usedAt: number;
}

/** A flag or move made offline, replayed in `seq` order when the link returns. */
export interface QueuedAction {
  seq: number;
  account: string;
  request: MessageActionRequest;
  queuedAt: number;
}

export interface OfflineBackend {
  getData(id: string): Promise<unknown>;
  /** Writes the data and its meta record together. */
  put(meta: RecordMeta, data: unknown): Promise<void>;
  touch(meta: RecordMeta): Promise<void>;
  metas(account: string): Promise<RecordMeta[]>;
  remove(ids: string[]): Promise<void>;
  enqueue(action: Omit<QueuedAction, 'seq'>): Promise<number>;
  /** This account's queued actions, oldest first. */
  queued(account: string): Promise<QueuedAction[]>;
  dequeue(seq: number): Promise<void>;
  /** Drops the account's copies (and its queue unless told otherwise). */
  wipe(account: string, options: { keepQueue: boolean }): Promise<void>;
  getLastAccount(): Promise<string | undefined>;
  setLastAccount(account: string | null): Promise<void>;
}

export interface Bounds {
  /** Folders whose first pages are kept, most recently viewed first. */
  mailboxes: number;
  /** Pages kept per folder, from the newest (page 0). */
  pagesPerMailbox: number;
  /** Opened messages kept, least recently used dropped first. */
  messages: number;
}

export const DEFAULT_BOUNDS: Bounds = { mailboxes: 5, pagesPerMailbox: 3, messages: 200 };

/** A message over this size (its JSON, roughly) is not kept: one huge mail would push out dozens. */
const MESSAGE_MAX_CHARS = 2_000_000;

export const recordIds = {
  mailboxes: (account: string) => `${account}\nmailboxes`,
  page: (account: string, mailbox: string, page: number) => `${account}\npage\n${mailbox}\n${page}`,
  message: (account: string, mailbox: string, uid: number) => `${account}\nmessage\n${mailbox}\n${uid}`,
};

/** A wipe still to do (offline/wipe.ts): what it will erase is served to nobody meanwhile. */
export type PendingWipe = (account: string) => { keepQueue: boolean } | undefined;

/**
 * The bounded, per-account mirror. Every method but wipe() swallows storage
 * failures (a private window without IndexedDB): the app then works online
 * without its copy. A failed wipe is the person's business (offline/wipe.ts).
 */
export class OfflineStore {
  constructor(
    private readonly backend: OfflineBackend,
    private readonly bounds: Bounds = DEFAULT_BOUNDS,
    private readonly now: () => number = Date.now,
    private readonly pendingWipe: PendingWipe = () => undefined,
  ) {}

  async saveMailboxes(account: string, data: unknown): Promise<void> {
    await this.write({ id: recordIds.mailboxes(account), account, kind: 'mailboxes', mailbox: null }, data);
  }

  /** Only the first pages are kept: older mail scrolled past is not what someone reads on a train. */
  async savePage(account: string, mailbox: string, page: number, data: unknown): Promise<void> {
    if (page >= this.bounds.pagesPerMailbox) return;
    await this.write({ id: recordIds.page(account, mailbox, page), account, kind: 'page', mailbox }, data);
  }

  async saveMessage(account: string, mailbox: string, uid: number, data: unknown): Promise<void> {
    if (JSON.stringify(data).length > MESSAGE_MAX_CHARS) return;
    await this.write({ id: recordIds.message(account, mailbox, uid), account, kind: 'message', mailbox }, data);
  }

  /** The stored copy, marked as used now (it counts as recent for the LRU). */
  async read<T>(account: string, id: string, kind: RecordKind, mailbox: string | null): Promise<T | undefined> {
    if (this.pendingWipe(account)) return undefined;
    try {
      const data = await this.backend.getData(id);
      if (data === undefined) return undefined;
      await this.backend.touch({ id, account, kind, mailbox, usedAt: this.now() });
      return data as T;
    } catch {
      return undefined;
    }
  }

  async enqueue(account: string, request: MessageActionRequest): Promise<void> {
    await this.backend.enqueue({ account, request, queuedAt: this.now() });
  }

  async queued(account: string): Promise<QueuedAction[]> {
    if (this.pendingWipe(account)?.keepQueue === false) return [];
    return this.backend.queued(account).catch(() => []);
  }

  dequeue(seq: number): Promise<void> {
    return this.backend.dequeue(seq).catch(() => undefined);
  }

  /** The account whose copies a reload without a link may show (the session probe cannot answer offline). */
  async lastAccount(): Promise<string | undefined> {
    const account = await this.backend.getLastAccount().catch(() => undefined);
    return account !== undefined && this.pendingWipe(account) ? undefined : account;
  }

  rememberAccount(account: string): Promise<void> {
    return this.backend.setLastAccount(account).catch(() => undefined);
  }

  /**
   * Sign-out: nothing of this account stays on the device. A lost session
   * (expired while away) keeps the queue, so the changes still reach the
   * server once the same person signs in again. Rejects when the storage
   * refused: the caller says so and tries again (offline/wipe.ts).
   */
  async wipe(account: string, options: { keepQueue: boolean } = { keepQueue: false }): Promise<void> {
    await this.backend.wipe(account, options);
    if ((await this.backend.getLastAccount()) === account) await this.backend.setLastAccount(null);
  }

  private async write(meta: Omit<RecordMeta, 'usedAt'>, data: unknown): Promise<void> {
    try {
      await this.backend.put({ ...meta, usedAt: this.now() }, data);
      if (meta.kind !== 'mailboxes') await this.prune(meta.account);
    } catch {
      // Full or unavailable storage: the app works online without its copy.
    }
  }

  /** Keeps the newest `messages` opened messages and the first pages of the `mailboxes` folders viewed last. */
  private async prune(account: string): Promise<void> {
    const metas = await this.backend.metas(account);
    const newestFirst = (a: RecordMeta, b: RecordMeta) => b.usedAt - a.usedAt;
    const drop = metas
      .filter((m) => m.kind === 'message')
      .sort(newestFirst)
      .slice(this.bounds.messages)
      .map((m) => m.id);

    const lastUse = new Map<string, number>();
    for (const m of metas) if (m.kind === 'page') lastUse.set(m.mailbox!, Math.max(lastUse.get(m.mailbox!) ?? 0, m.usedAt));
    const keep = new Set([...lastUse].sort((a, b) => b[1] - a[1]).slice(0, this.bounds.mailboxes).map(([mailbox]) => mailbox));
    for (const m of metas) if (m.kind === 'page' && !keep.has(m.mailbox!)) drop.push(m.id);

    if (drop.length) await this.backend.remove(drop);
  }
}

/** The same store in memory, for tests. */
export function memoryBackend(): OfflineBackend & { size(): number } {
  const data = new Map<string, unknown>();
  const metas = new Map<string, RecordMeta>();
  let queue: QueuedAction[] = [];
  let seq = 0;
  let last: string | undefined;
  return {
    size: () => data.size,
    getData: async (id) => structuredClone(data.get(id)),
    put: async (meta, value) => {
      metas.set(meta.id, { ...meta });
      data.set(meta.id, structuredClone(value));
    },
    touch: async (meta) => void (metas.has(meta.id) && metas.set(meta.id, { ...meta })),
    metas: async (account) => [...metas.values()].filter((m) => m.account === account).map((m) => ({ ...m })),
    remove: async (ids) => ids.forEach((id) => (data.delete(id), metas.delete(id))),
    enqueue: async (action) => {
      queue.push({ ...structuredClone(action), seq: ++seq });
      return seq;
    },
    queued: async (account) => queue.filter((a) => a.account === account).map((a) => structuredClone(a)),
    dequeue: async (s) => void (queue = queue.filter((a) => a.seq !== s)),
    wipe: async (account, { keepQueue }) => {
      for (const m of [...metas.values()]) {
        if (m.account !== account) continue;
        data.delete(m.id);
        metas.delete(m.id);
      }
      if (!keepQueue) queue = queue.filter((a) => a.account !== account);
    },
    getLastAccount: async () => last,
    setLastAccount: async (account) => void (last = account ?? undefined),
  };
}

import type { Draft, MessageRef, SavedDraft } from '../../../shared/compose.js';
import { i18n } from '../i18n/index.js';

/**
 * Drafts that are never lost (issue 3 §6). Every change goes to a local copy
 * in the browser (IndexedDB, ~500 ms after typing stops) and to the Drafts
 * mailbox (3 s after). A save that fails on the network leaves the local copy
 * marked unsynced; it is saved again when the link returns, or offered on the
 * next start. The storage sits behind LocalDrafts so this logic is tested
 * with an in-memory store (localDrafts.ts has the IndexedDB one).
 */

export interface LocalDraftRecord {
  draftId: string;
  /** The signed-in address: another person on the same browser never sees these. */
  account: string;
  draft: Draft;
  updatedAt: number;
  /** True once the server has this exact version. */
  synced: boolean;
}

export interface LocalDrafts {
  get(draftId: string): Promise<LocalDraftRecord | undefined>;
  put(record: LocalDraftRecord): Promise<void>;
  delete(draftId: string): Promise<void>;
  list(account: string): Promise<LocalDraftRecord[]>;
}

export function memoryLocalDrafts(): LocalDrafts {
  const map = new Map<string, LocalDraftRecord>();
  return {
    get: async (id) => structuredClone(map.get(id)),
    put: async (r) => void map.set(r.draftId, structuredClone(r)),
    delete: async (id) => void map.delete(id),
    list: async (account) => [...map.values()].filter((r) => r.account === account).map((r) => structuredClone(r)),
  };
}

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'offline' | 'error';

/** What the compose window's header says about saving, in the current language ("" while idle). */
export function statusText(status: SaveStatus): string {
  return status === 'idle' ? '' : i18n.t(`status.${status}`, { ns: 'compose' });
}

export type SaveToServer = (draft: Draft, options: { keepalive: boolean }) => Promise<SavedDraft>;

export interface DraftSyncOptions {
  local: LocalDrafts;
  save: SaveToServer;
  account: string;
  onStatus?: (status: SaveStatus, error?: unknown) => void;
  localDelayMs?: number;
  serverDelayMs?: number;
  /** After a failed save, try again this much later (doubling, capped at 2 minutes). */
  retryDelayMs?: number;
  now?: () => number;
}

/** Network failures mean "try later"; anything else the server said is an answer. */
export function isOffline(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'NETWORK_ERROR' || code === 'IMAP_UNAVAILABLE';
}

/** Drafts whose JSON is larger than this go without keepalive (browsers cap keepalive bodies at 64 KiB). */
const KEEPALIVE_MAX = 60_000;

/** Keeps one open draft in step with the local store and the server. */
export class DraftSync {
  private draft: Draft | null = null;
  private savedAs: MessageRef | null;
  private version = 0;
  private savedVersion = 0;
  private localTimer: ReturnType<typeof setTimeout> | undefined;
  private serverTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private closed = false;
  status: SaveStatus = 'idle';

  /** `unsaved`: the initial draft is not on the server yet (restored from this device). */
  constructor(
    initial: Draft,
    private readonly opts: DraftSyncOptions,
    unsaved = false,
  ) {
    this.savedAs = initial.savedAs;
    this.draft = initial;
    if (unsaved) this.change(initial);
  }

  /** The draft with the server copy it replaces: what Send and each save carry. */
  current(): Draft | null {
    return this.draft && { ...this.draft, savedAs: this.savedAs };
  }

  /** Something was typed: write locally soon, to the server a little later. */
  change(draft: Draft): void {
    if (this.closed) return;
    this.draft = draft;
    this.version++;
    clearTimeout(this.localTimer);
    this.localTimer = setTimeout(() => void this.writeLocal(), this.opts.localDelayMs ?? 500);
    this.scheduleServer(this.opts.serverDelayMs ?? 3000);
  }

  /** Save everything now (the window is hidden or closing). */
  async flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.closed || !this.draft) return;
    clearTimeout(this.localTimer);
    clearTimeout(this.serverTimer);
    await this.writeLocal();
    if (this.version !== this.savedVersion) await this.saveServer(options.keepalive ?? false);
  }

  /** The link came back: save now if the server is behind. */
  retry(): void {
    if (!this.closed && this.draft && this.version !== this.savedVersion) this.scheduleServer(0);
  }

  /** Wait for a save in flight and stop, so Send carries the latest savedAs and no later save makes a stray copy. */
  async settle(): Promise<Draft | null> {
    clearTimeout(this.localTimer);
    clearTimeout(this.serverTimer);
    await this.writeLocal();
    while (this.inFlight) await this.inFlight;
    return this.current();
  }

  /** Sent or discarded: nothing left to keep on this device. */
  async close(options: { forget: boolean }): Promise<void> {
    this.closed = true;
    clearTimeout(this.localTimer);
    clearTimeout(this.serverTimer);
    if (options.forget && this.draft) await this.opts.local.delete(this.draft.draftId).catch(() => undefined);
  }

  /** Reopen after a failed send: keep syncing. */
  reopen(): void {
    this.closed = false;
  }

  private scheduleServer(ms: number): void {
    clearTimeout(this.serverTimer);
    this.serverTimer = setTimeout(() => void this.saveServer(false), ms);
  }

  private setStatus(status: SaveStatus, error?: unknown): void {
    this.status = status;
    this.opts.onStatus?.(status, error);
  }

  private async writeLocal(): Promise<void> {
    const draft = this.current();
    if (!draft) return;
    const synced = this.version === this.savedVersion;
    await this.opts.local
      .put({ draftId: draft.draftId, account: this.opts.account, draft, updatedAt: (this.opts.now ?? Date.now)(), synced })
      .catch(() => undefined); // a private window without IndexedDB still saves to the server
  }

  private async saveServer(keepalive: boolean): Promise<void> {
    // One save at a time: two in parallel would both replace the same old copy and leave two.
    while (this.inFlight) await this.inFlight;
    if (this.closed || !this.draft) return;
    if (this.version === this.savedVersion) return;
    const draft = this.current()!;
    const version = this.version;
    const run = async () => {
      this.setStatus('saving');
      try {
        const small = keepalive && JSON.stringify(draft).length < KEEPALIVE_MAX;
        const result = await this.opts.save(draft, { keepalive: small });
        this.savedAs = result.savedAs;
        this.savedVersion = version;
        this.failures = 0;
        await this.writeLocal();
        this.setStatus(this.version === version ? 'saved' : 'saving');
      } catch (err) {
        this.failures++;
        await this.writeLocal();
        this.setStatus(isOffline(err) ? 'offline' : 'error', err);
        const base = this.opts.retryDelayMs ?? 15_000;
        if (!this.closed) this.scheduleServer(Math.min(120_000, base * 2 ** (this.failures - 1)));
      }
    };
    this.inFlight = run();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }
}

/**
 * Saves local drafts the server does not have yet (the link came back, or the
 * app started again). Skips drafts open in a compose window: their DraftSync
 * saves them, and two savers would leave two copies in Drafts.
 */
export async function syncPendingDrafts(local: LocalDrafts, account: string, save: SaveToServer, skip: ReadonlySet<string>): Promise<number> {
  let saved = 0;
  for (const record of await local.list(account)) {
    if (record.synced || skip.has(record.draftId)) continue;
    try {
      const result = await save(record.draft, { keepalive: false });
      // Only mark it synced if nobody changed it meanwhile.
      const latest = await local.get(record.draftId);
      if (latest && latest.updatedAt === record.updatedAt) {
        await local.put({ ...latest, draft: { ...latest.draft, savedAs: result.savedAs }, synced: true });
      }
      saved++;
    } catch (err) {
      if (isOffline(err)) break; // still offline: try again on the next "online"
    }
  }
  return saved;
}

/** Local drafts to offer on start: not yet on the server, newest first. */
export async function unsyncedDrafts(local: LocalDrafts, account: string): Promise<LocalDraftRecord[]> {
  const list = await local.list(account).catch(() => []);
  return list.filter((r) => !r.synced).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** draftIds open in a compose window now (their DraftSync owns saving them). */
export const openDraftIds = new Set<string>();

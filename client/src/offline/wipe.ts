import { useSyncExternalStore } from 'react';

/**
 * Sign-out's promise: nothing of the person stays on this device. Erasing
 * the saved mail (IndexedDB) can fail (a locked or broken database, a
 * browser that refuses storage), so a wipe is written down before it starts,
 * tried again a few times, said to the person when it still fails (with a
 * "Try again"), and finished on the next load: while a wipe is pending, the
 * offline store serves nothing of that account (idb.ts), so nothing else
 * reads it first.
 */

export interface WipeJob {
  account: string;
  /** A lost session keeps the queue of offline changes for the same person's next sign-in. */
  keepQueue: boolean;
}

/** Where pending wipes are written down: not in the database that may be the one failing. */
export interface WipeJournal {
  read(): WipeJob[];
  write(jobs: WipeJob[]): void;
}

export interface WiperDeps {
  /** Erases one account's saved data; throws when it could not. */
  erase: (job: WipeJob) => Promise<void>;
  journal: WipeJournal;
  /** Pauses between attempts; one attempt more than there are pauses. */
  pauses?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface WipeState {
  /** Wipes that failed every attempt: the person is told, and can try again. */
  failed: WipeJob[];
  /** A wipe is being tried right now. */
  running: boolean;
}

const DEFAULT_PAUSES = [500, 2_000];

/** Two jobs for one account are one; erasing the queue too wins over keeping it. */
function merge(jobs: WipeJob[], job: WipeJob): WipeJob[] {
  const old = jobs.find((j) => j.account === job.account);
  const next = { account: job.account, keepQueue: job.keepQueue && (old?.keepQueue ?? true) };
  return [...jobs.filter((j) => j.account !== job.account), next];
}

export function createWiper({ erase, journal, pauses = DEFAULT_PAUSES, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: WiperDeps) {
  let state: WipeState = { failed: [], running: false };
  let active = 0;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<WipeState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  const without = (jobs: WipeJob[], account: string) => jobs.filter((j) => j.account !== account);

  /** Tries one job until it succeeds or the attempts run out; true when the account's data is gone. */
  async function attempt(job: WipeJob): Promise<boolean> {
    active += 1;
    // A failure already said stays said while it is tried again: the alert must not blink away.
    set({ running: true });
    try {
      for (let i = 0; ; i++) {
        try {
          await erase(job);
          journal.write(without(journal.read(), job.account));
          set({ failed: without(state.failed, job.account) });
          return true;
        } catch {
          if (i >= pauses.length) break;
          await sleep(pauses[i]!);
        }
      }
      set({ failed: merge(state.failed, job) });
      return false;
    } finally {
      active -= 1;
      set({ running: active > 0 });
    }
  }

  return {
    get: (): WipeState => state,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** Erases an account's saved data now, written down first so a closed tab cannot skip it. */
    wipe(job: WipeJob): Promise<boolean> {
      journal.write(merge(journal.read(), job));
      return attempt(job);
    },
    /** The wipe of this account still to do, if any: its saved data must not be shown meanwhile. */
    pending: (account: string): WipeJob | undefined => journal.read().find((j) => j.account === account),
    /** Every wipe still to do, tried again: at start-up (a previous page left it undone) and on "Try again". */
    finishPending: async (): Promise<boolean> => (await Promise.all(journal.read().map(attempt))).every(Boolean),
  };
}

export type Wiper = ReturnType<typeof createWiper>;

const KEY = 'webmail.pendingWipes';

/** The journal in localStorage; in memory where storage is refused (the wipe is still tried and said). */
export function localJournal(): WipeJournal {
  let memory: WipeJob[] = [];
  const storage = (): Storage | null => {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  };
  return {
    read: () => {
      try {
        const raw = storage()?.getItem(KEY);
        if (raw == null) return memory;
        const jobs = JSON.parse(raw) as unknown;
        return Array.isArray(jobs) ? jobs.filter((j): j is WipeJob => typeof j?.account === 'string' && typeof j?.keepQueue === 'boolean') : [];
      } catch {
        return memory;
      }
    },
    write: (jobs) => {
      memory = jobs;
      try {
        if (jobs.length === 0) storage()?.removeItem(KEY);
        else storage()?.setItem(KEY, JSON.stringify(jobs));
      } catch {
        // Kept in memory: this page still finishes it.
      }
    },
  };
}

export function useWipeState(wiper: Wiper): WipeState {
  return useSyncExternalStore(wiper.subscribe, wiper.get);
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MailSession } from '../imap/session.js';
import { sessionKey, type SessionRecord, type SessionRecords } from '../store/sessions.js';

export interface Session {
  /** Opaque, 256 random bits; only ever in the HttpOnly cookie. */
  readonly id: string;
  readonly address: string;
  /** Synchroniser token for CSRF; the SPA keeps it in memory. */
  readonly csrfToken: string;
  readonly mail: MailSession;
  /** The password sealed with the server secret (SecretBox), for SMTP AUTH and the outbox; never stored in clear. */
  readonly sealedPassword: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionStoreOptions {
  idleMs: number;
  maxAgeMs: number;
  /** Where sessions outlive the process (store/sessions.ts). */
  records: SessionRecords;
  /**
   * Reopens the IMAP side of a stored session after a restart, without
   * connecting. Throws when its sealed password cannot be opened (altered, or
   * sealed under a secret this server does not know): that session ends.
   * Answers a fresh sealing when the password was sealed under the previous secret.
   */
  resume: (record: SessionRecord) => { mail: MailSession; resealed: string | null };
  now?: () => number;
  /** Called when a stored session could not be resumed, for the log. */
  onRefused?: (address: string, err: unknown) => void;
}

/**
 * The signed-in sessions (DESIGN.md §8): stored, so a restart signs nobody
 * out, and held live in this process while in use. A session ends after
 * `idleMs` without a request or `maxAgeMs` after login, closing its IMAP
 * connection and erasing its row (and with it the sealed password).
 *
 * The last-seen time is written at most every `touchEveryMs` (a tenth of the
 * idle time, at most a minute): a write per request would cost more than the
 * request, and an idle timeout does not need millisecond precision.
 */
export class SessionStore {
  private readonly live = new Map<string, Session>();
  /** Resumes under way, so two requests of one tab after a restart share one MailSession. */
  private readonly resuming = new Map<string, Promise<Session | null>>();
  /** The last-seen time last written per live session. */
  private readonly written = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly destroyListeners = new Set<(id: string) => void>();
  private readonly records: SessionRecords;
  private readonly now: () => number;
  private readonly touchEveryMs: number;

  constructor(private readonly opts: SessionStoreOptions) {
    this.records = opts.records;
    this.now = opts.now ?? Date.now;
    this.touchEveryMs = Math.min(60_000, opts.idleMs / 10);
    this.sweeper = setInterval(() => void this.sweep(), Math.min(60_000, opts.idleMs / 2));
    this.sweeper.unref();
  }

  /** `id` is newToken()'s, drawn by the login before it connects (its log id goes to the IMAP server). */
  create(address: string, mail: MailSession, sealedPassword = '', id = newToken()): Session {
    const t = this.now();
    // A fresh id at every login: an id planted before login never becomes a session (no fixation).
    const session: Session = { id, address, csrfToken: newToken(), mail, sealedPassword, createdAt: t, lastSeenAt: t };
    this.records.put({ key: sessionKey(session.id), address, csrfToken: session.csrfToken, sealedPassword, createdAt: t, lastSeenAt: t });
    this.written.set(session.id, t);
    this.live.set(session.id, session);
    return session;
  }

  /** The session for `id`, touched; expired ones are ended and not returned. A stored one is resumed. */
  async get(id: string | undefined): Promise<Session | null> {
    if (!id) return null;
    const session = this.live.get(id) ?? (await this.resume(id));
    if (!session) return null;
    if (this.expired(session)) {
      await this.destroy(id);
      return null;
    }
    this.touch(session);
    return session;
  }

  /** The live session for `id` without touching it (background work must not keep a session alive). */
  peek(id: string): Session | null {
    return this.live.get(id) ?? null;
  }

  /** Called for every session that ends (logout, expiry, replacement): push disconnects its sockets. */
  onDestroy(listener: (id: string) => void): () => void {
    this.destroyListeners.add(listener);
    return () => this.destroyListeners.delete(listener);
  }

  /** Ends a session: its row (with the sealed password) goes, its IMAP connection closes, its tabs are told. */
  async destroy(id: string): Promise<void> {
    this.records.remove(sessionKey(id));
    const session = this.live.get(id);
    this.written.delete(id);
    if (!session) return;
    this.live.delete(id);
    for (const listener of this.destroyListeners) {
      try {
        listener(id);
      } catch {
        // a listener's failure must not keep the session alive
      }
    }
    await session.mail.close().catch(() => undefined);
  }

  /** Sessions held live by this process. */
  get size(): number {
    return this.live.size;
  }

  /** Sessions stored, live here or not (every process of the data directory together). */
  get stored(): number {
    return this.records.count();
  }

  /** Every live session, for the admin's metrics (counts only; nothing about a user leaves). */
  all(): IterableIterator<Session> {
    return this.live.values();
  }

  /** Ends expired live sessions and purges expired rows (a stored session nobody came back for). */
  async sweep(): Promise<void> {
    await Promise.all([...this.live.values()].filter((s) => this.expired(s)).map((s) => this.destroy(s.id)));
    // Live sessions' last-seen times first, so the purge never takes a session in use.
    for (const s of this.live.values()) this.flush(s);
    const t = this.now();
    this.records.purge(t - this.opts.idleMs, t - this.opts.maxAgeMs);
  }

  /**
   * Process shutdown: closes every IMAP connection but keeps the sessions
   * stored, and tells no tab that its session ended: the next process resumes them.
   */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const sessions = [...this.live.values()];
    for (const s of sessions) this.flush(s);
    this.live.clear();
    this.written.clear();
    await Promise.all(sessions.map((s) => s.mail.close().catch(() => undefined)));
  }

  private resume(id: string): Promise<Session | null> {
    let pending = this.resuming.get(id);
    if (!pending) {
      pending = Promise.resolve()
        .then(() => this.load(id))
        .finally(() => this.resuming.delete(id));
      this.resuming.set(id, pending);
    }
    return pending;
  }

  private load(id: string): Session | null {
    const already = this.live.get(id);
    if (already) return already;
    const key = sessionKey(id);
    const record = this.records.get(key);
    if (!record) return null;
    const t = this.now();
    if (t - record.lastSeenAt > this.opts.idleMs || t - record.createdAt > this.opts.maxAgeMs) {
      this.records.remove(key);
      return null;
    }
    let resumed: ReturnType<SessionStoreOptions['resume']>;
    try {
      resumed = this.opts.resume(record);
    } catch (err) {
      // An altered or unreadable sealed password: sign this session out cleanly.
      this.records.remove(key);
      this.opts.onRefused?.(record.address, err);
      return null;
    }
    const sealedPassword = resumed.resealed ?? record.sealedPassword;
    if (resumed.resealed) this.records.reseal(key, resumed.resealed);
    const session: Session = {
      id,
      address: record.address,
      csrfToken: record.csrfToken,
      mail: resumed.mail,
      sealedPassword,
      createdAt: record.createdAt,
      lastSeenAt: record.lastSeenAt,
    };
    this.live.set(id, session);
    this.written.set(id, record.lastSeenAt);
    return session;
  }

  private touch(session: Session): void {
    session.lastSeenAt = this.now();
    if (session.lastSeenAt - (this.written.get(session.id) ?? 0) >= this.touchEveryMs) this.flush(session);
  }

  private flush(session: Session): void {
    if ((this.written.get(session.id) ?? 0) >= session.lastSeenAt) return;
    this.records.touch(sessionKey(session.id), session.lastSeenAt);
    this.written.set(session.id, session.lastSeenAt);
  }

  private expired(s: Session): boolean {
    const t = this.now();
    return t - s.lastSeenAt > this.opts.idleMs || t - s.createdAt > this.opts.maxAgeMs;
  }
}

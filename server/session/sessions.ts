import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MailSession } from '../imap/session.js';

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

/**
 * Live sessions of this process. Ends a session after `idleMs` without a
 * request or `maxAgeMs` after login, closing its IMAP connection. (A shared
 * store for several nodes comes with the multi-node deployment, DESIGN.md §8.)
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly destroyListeners = new Set<(id: string) => void>();

  constructor(
    private readonly limits: { idleMs: number; maxAgeMs: number },
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(60_000, limits.idleMs / 2));
    this.sweeper.unref();
  }

  create(address: string, mail: MailSession, sealedPassword = ''): Session {
    const t = this.now();
    // A fresh id at every login: an id planted before login never becomes a session (no fixation).
    const session: Session = { id: newToken(), address, csrfToken: newToken(), mail, sealedPassword, createdAt: t, lastSeenAt: t };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session for `id`, touched; expired ones are ended and not returned. */
  async get(id: string | undefined): Promise<Session | null> {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.expired(session)) {
      await this.destroy(id);
      return null;
    }
    session.lastSeenAt = this.now();
    return session;
  }

  /** The session for `id` without touching it (background work must not keep a session alive). */
  peek(id: string): Session | null {
    return this.sessions.get(id) ?? null;
  }

  /** Called for every session that ends (logout, expiry, replacement): push disconnects its sockets. */
  onDestroy(listener: (id: string) => void): () => void {
    this.destroyListeners.add(listener);
    return () => this.destroyListeners.delete(listener);
  }

  async destroy(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    for (const listener of this.destroyListeners) {
      try {
        listener(id);
      } catch {
        // a listener's failure must not keep the session alive
      }
    }
    await session.mail.close().catch(() => undefined);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Every live session, for the admin's metrics (counts only; nothing about a user leaves). */
  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  async sweep(): Promise<void> {
    await Promise.all([...this.sessions.values()].filter((s) => this.expired(s)).map((s) => this.destroy(s.id)));
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.destroy(id)));
  }

  private expired(s: Session): boolean {
    const t = this.now();
    return t - s.lastSeenAt > this.limits.idleMs || t - s.createdAt > this.limits.maxAgeMs;
  }
}

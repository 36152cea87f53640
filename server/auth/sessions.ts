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

  async destroy(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.mail.close().catch(() => undefined);
  }

  get size(): number {
    return this.sessions.size;
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

import type { ImapFlow, MailboxObject } from 'imapflow';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { ClientOrigin } from '../net/client-origin.js';
import { connectImap, type ImapCredentials } from './connect.js';
import { toAppError } from './errors.js';
import { MailWatcher, type WatchEvents, type WatcherOptions } from './watcher.js';

/** What a mailbox operation sees: the connection, and the selected mailbox's state. */
export interface SelectedMailbox {
  client: ImapFlow;
  mailbox: MailboxObject;
}

/**
 * The IMAP side of one login (DESIGN.md §2): owns its connection, reconnects
 * when the server dropped it, and closes on logout or idle timeout. Every
 * mailbox operation runs under imapflow's mailbox lock (STYLE.md §2).
 */
export class MailSession {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private closed = false;
  /** Per-session caches keyed by mailbox path; cleared when the connection is replaced. */
  readonly cache = new Map<string, unknown>();
  /** The browser last seen using this login (DESIGN.md §9); every connection opened from now on names it. */
  private origin: ClientOrigin | undefined;

  private constructor(
    private readonly config: Config['imap'],
    private readonly credentials: () => ImapCredentials,
    client: ImapFlow | null,
    /** The session's log id (store/sessions.ts sessionLogId), sent with every origin. */
    private readonly logId: string | undefined,
    origin: ClientOrigin | undefined,
  ) {
    this.origin = origin;
    if (client) this.client = this.adopt(client);
  }

  /** Logs in, naming `origin` (with its log id) to the server; throws AppError AUTH_FAILED or IMAP_UNAVAILABLE. */
  static async open(config: Config['imap'], credentials: () => ImapCredentials, origin?: ClientOrigin): Promise<MailSession> {
    const client = await connectImap(config, { ...credentials(), origin });
    return new MailSession(config, credentials, client, origin?.logId, origin);
  }

  /**
   * A stored session after a restart (issue 12): no connection until a request
   * needs one, so a restart with a thousand stored sessions opens none at start.
   * The request that resumes it tells where the browser is (seenFrom) before it needs one.
   */
  static resume(config: Config['imap'], credentials: () => ImapCredentials, logId?: string): MailSession {
    return new MailSession(config, credentials, null, logId, undefined);
  }

  /**
   * Called for every request of the session: connections opened later (a
   * reconnect, a watcher, a streamed APPEND, a search, ManageSieve) carry this
   * address. Connections already open keep the one they logged in with: IMAP
   * cannot change it after login.
   */
  seenFrom(origin: ClientOrigin | undefined): void {
    if (origin) this.origin = { ...origin, logId: this.logId };
  }

  /** The credentials with the browser's latest address, for each new connection. */
  private login(): ImapCredentials {
    return { ...this.credentials(), origin: this.origin };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** For metrics: the command connection is up, being re-established, or down until the next request needs it. */
  get connectionState(): 'connected' | 'reconnecting' | 'disconnected' {
    if (this.client?.usable) return 'connected';
    return this.connecting ? 'reconnecting' : 'disconnected';
  }

  /** Runs `fn` on a live connection; a read that failed because the link broke is retried once on a new one. */
  async run<T>(fn: (client: ImapFlow) => Promise<T>, opts: { retry?: boolean; mailbox?: string } = {}): Promise<T> {
    const attempt = async () => {
      const client = await this.connection();
      try {
        return await fn(client);
      } catch (err) {
        throw toAppError(err, { mailbox: opts.mailbox });
      }
    };
    try {
      return await attempt();
    } catch (err) {
      if (opts.retry !== false && err instanceof AppError && err.code === 'IMAP_UNAVAILABLE' && !this.closed && !this.client?.usable) {
        this.client = null;
        return attempt();
      }
      throw err;
    }
  }

  /** Selects `path` under its lock and runs `fn`; the lock is released however `fn` ends. */
  async withMailbox<T>(path: string, fn: (sel: SelectedMailbox) => Promise<T>, opts: { readOnly?: boolean; retry?: boolean } = {}): Promise<T> {
    return this.run(
      async (client) => {
        const wasSelected = client.mailbox && client.mailbox.path === path;
        const lock = await client.getMailboxLock(path, { readOnly: opts.readOnly ?? false });
        try {
          // A mailbox that stayed selected only learns of other clients' changes at a sync
          // point (RFC 3501 §5.2); a fresh SELECT already is one.
          if (wasSelected) await client.noop();
          const mailbox = client.mailbox;
          if (!mailbox) throw new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(path)}.`);
          return await fn({ client, mailbox });
        } finally {
          lock.release();
        }
      },
      { retry: opts.retry, mailbox: path },
    );
  }

  /** This login's server and credentials, for a connection of its own (a streamed APPEND, stream-append.ts). */
  get account(): { imap: Config['imap']; auth: ImapCredentials } {
    if (this.closed) throw new AppError('SESSION_EXPIRED', 'This session has ended.');
    return { imap: this.config, auth: this.login() };
  }

  /** The IDLE side of this login (DESIGN.md §2): its own connections, same credentials. The caller closes it. */
  openWatcher(events: WatchEvents, options: WatcherOptions): MailWatcher {
    if (this.closed) throw new AppError('SESSION_EXPIRED', 'This session has ended.');
    return new MailWatcher(this.config, () => this.login(), events, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    this.cache.clear();
    if (client?.usable) {
      await client.logout().catch(() => client.close());
    } else {
      client?.close();
    }
  }

  private async connection(): Promise<ImapFlow> {
    if (this.closed) throw new AppError('SESSION_EXPIRED', 'This session has ended.');
    if (this.client?.usable) return this.client;
    // One reconnect at a time, shared by every request that needs it.
    this.connecting ??= connectImap(this.config, this.login())
      .then((client) => {
        this.cache.clear();
        if (this.closed) {
          client.close();
          throw new AppError('SESSION_EXPIRED', 'This session has ended.');
        }
        this.client = this.adopt(client);
        return client;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private adopt(client: ImapFlow): ImapFlow {
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    // Any change of membership the server tells us about drops that mailbox's UID orders and threads.
    const invalidate = (event: { path: string }) => {
      this.cache.delete(`uids:${event.path}`);
      this.cache.delete(`threads:${event.path}`);
    };
    client.on('exists', invalidate);
    client.on('expunge', invalidate);
    return client;
  }
}

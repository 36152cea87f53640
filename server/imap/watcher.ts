import type { ImapFlow, MailboxObject } from 'imapflow';
import type { Config } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import type {
  FlagsChangedEvent,
  ImapState,
  MailboxCountsEvent,
  MailboxExistsEvent,
  MailboxExpungedEvent,
  MailboxState,
} from '../../shared/push.js';
import { connectImap, type ImapCredentials } from './connect.js';
import { isLinkDown } from './errors.js';

export interface WatchEvents {
  exists(e: MailboxExistsEvent): void;
  expunged(e: MailboxExpungedEvent): void;
  flags(e: FlagsChangedEvent): void;
  counts(e: MailboxCountsEvent): void;
  state(state: ImapState): void;
}

export interface WatcherOptions {
  /** Seconds between LIST-STATUS polls of the subscribed mailboxes (counts of unwatched folders). */
  pollSeconds: number;
  /** Reconnect back-off cap. */
  maxBackoffMs?: number;
  /** For tests: open a connection some other way. */
  connect?: typeof connectImap;
  /** Where errors that are not a dropped link go: those are bugs. */
  log: Logger;
}

/**
 * A dropped link is expected (the server restarts, a NAT forgets us, a laptop sleeps): the idler
 * reconnects with back-off and says nothing. Anything else is a bug to see, stack and all; the
 * loop goes on regardless, since one bad answer must not end a user's push.
 */
function reportUnexpected(log: Logger, err: unknown, mailbox: string, doing: string): void {
  if (isLinkDown(err)) return;
  log.error({ err, mailbox }, `IMAP watcher: ${doing} failed unexpectedly`);
}

/**
 * QRESYNC (RFC 7162) on this connection only: expunges arrive as VANISHED with
 * UIDs, flag changes with UID and MODSEQ. IDLE starts right after each command,
 * since this connection exists to listen.
 */
const WATCH_OPTIONS = { qresync: true, autoIdleDelay: 50 };

function stateOf(mailbox: MailboxObject): MailboxState {
  return {
    path: mailbox.path,
    uidValidity: String(mailbox.uidValidity),
    uidNext: mailbox.uidNext,
    count: mailbox.exists,
    highestModseq: mailbox.highestModseq !== undefined ? String(mailbox.highestModseq) : undefined,
  };
}

/**
 * One IMAP connection that sits in IDLE (RFC 2177) on one mailbox and turns
 * what the server says into events. QRESYNC is enabled here (unlike on the
 * command connection) so expunges arrive as VANISHED with UIDs (RFC 7162
 * §3.2.10) and flag changes carry UID and MODSEQ. When the server drops the
 * link it reconnects with exponential back-off, capped.
 */
class MailboxIdler {
  private client: ImapFlow | null = null;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private countsTimer: NodeJS.Timeout | null = null;
  private ready: Promise<MailboxState>;

  constructor(
    readonly path: string,
    private readonly open: () => Promise<ImapFlow>,
    private readonly events: WatchEvents,
    private readonly maxBackoffMs: number,
    private readonly log: Logger,
    private readonly onConnect: (client: ImapFlow) => void = () => undefined,
  ) {
    this.ready = this.connect(false);
    this.ready.catch(() => undefined);
  }

  /** Resolves once the first connection IDLEs on the mailbox (rejects if that first attempt failed). */
  started(): Promise<MailboxState> {
    return this.ready;
  }

  get connection(): ImapFlow | null {
    return this.client?.usable ? this.client : null;
  }

  private async connect(isRetry: boolean): Promise<MailboxState> {
    try {
      const client = await this.open();
      if (this.closed) {
        client.close();
        throw new Error('closed');
      }
      const mailbox = await client.mailboxOpen(this.path, { readOnly: true });
      this.client = client;
      this.attempt = 0;
      this.listen(client);
      this.onConnect(client);
      if (isRetry) {
        this.events.state('connected');
        // Whatever happened while we were away: announce the mailbox so clients refetch.
        this.announce(mailbox);
      }
      return stateOf(mailbox);
    } catch (err) {
      if (!this.closed) {
        reportUnexpected(this.log, err, this.path, 'connecting');
        this.scheduleRetry();
      }
      throw err;
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const delay = Math.min(this.maxBackoffMs, 500 * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ready = this.connect(true);
      this.ready.catch(() => undefined);
    }, delay);
    this.retryTimer.unref();
  }

  private announce(mailbox: MailboxObject): void {
    this.events.exists({
      path: mailbox.path,
      uidValidity: String(mailbox.uidValidity),
      count: mailbox.exists,
      uidNext: mailbox.uidNext,
      highestModseq: mailbox.highestModseq !== undefined ? String(mailbox.highestModseq) : undefined,
    });
    this.scheduleCounts();
  }

  private listen(client: ImapFlow): void {
    const current = () => (this.client === client ? client.mailbox || null : null);
    client.on('exists', () => {
      const mailbox = current();
      if (!mailbox) return;
      // EXISTS alone does not update UIDNEXT; the client refetches page 0, which needs none.
      this.announce(mailbox);
    });
    // Vanished UIDs come one event each; collect those of one server burst into one push.
    let vanished: number[] = [];
    let flush: NodeJS.Timeout | null = null;
    client.on('expunge', (e: { uid?: number; earlier?: boolean }) => {
      const mailbox = current();
      if (!mailbox || !e.uid || e.earlier) return;
      vanished.push(e.uid);
      flush ??= setTimeout(() => {
        flush = null;
        const uids = vanished;
        vanished = [];
        this.events.expunged({ path: mailbox.path, uidValidity: String(mailbox.uidValidity), uids, highestModseq: modseq(mailbox) });
        this.scheduleCounts();
      }, 20);
    });
    client.on('flags', (e: { uid?: number; flags?: Set<string>; modseq?: bigint }) => {
      const mailbox = current();
      if (!mailbox || !e.uid) return;
      this.events.flags({
        path: mailbox.path,
        uidValidity: String(mailbox.uidValidity),
        uid: e.uid,
        flags: [...(e.flags ?? [])].filter((f) => f !== '\\Recent'),
        modseq: e.modseq !== undefined ? String(e.modseq) : undefined,
      });
      this.scheduleCounts();
    });
    // What goes wrong inside imapflow while it IDLEs comes as 'error' (connectImap keeps it from crashing us).
    client.on('error', (err: unknown) => {
      if (this.client === client && !this.closed) reportUnexpected(this.log, err, this.path, 'IDLE');
    });
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = null;
      if (this.closed) return;
      this.events.state('reconnecting');
      this.scheduleRetry();
    });
  }

  /** Counts after a burst of changes: one STATUS (RFC 3501 §6.3.10), not one per event. */
  private scheduleCounts(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      const client = this.connection;
      if (!client) return;
      client
        .status(this.path, { messages: true, unseen: true })
        .then((s) => s && this.events.counts({ path: this.path, total: s.messages ?? 0, unread: s.unseen ?? 0 }))
        .catch((err: unknown) => {
          if (!this.closed) reportUnexpected(this.log, err, this.path, 'STATUS');
        });
    }, 100);
    this.countsTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.countsTimer) clearTimeout(this.countsTimer);
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
  }
}

function modseq(mailbox: MailboxObject): string | undefined {
  return mailbox.highestModseq !== undefined ? String(mailbox.highestModseq) : undefined;
}

/**
 * The push side of one login (DESIGN.md §2): IDLE on INBOX always, and on the
 * mailbox the user is viewing when that is another one. IMAP IDLE watches only
 * the selected mailbox, so two mailboxes take two connections. NOTIFY
 * (RFC 5465) could do both on one, but this Dovecot (2.3.19) sent no STATUS
 * for unselected mailboxes under `NOTIFY SET ... (SUBSCRIBED ...)` when tried,
 * so counts of the other folders come from a LIST-STATUS poll (RFC 5819) on the
 * INBOX connection every `pollSeconds`: one round trip for every folder.
 */
export class MailWatcher {
  private readonly inbox: MailboxIdler;
  private viewed: MailboxIdler | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private lastCounts = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly config: Config['imap'],
    private readonly credentials: () => ImapCredentials,
    private readonly events: WatchEvents,
    private readonly options: WatcherOptions,
  ) {
    this.inbox = this.idler('INBOX', () => this.startPolling());
  }

  private idler(path: string, onConnect?: (client: ImapFlow) => void): MailboxIdler {
    const connect = this.options.connect ?? connectImap;
    const open = () => connect(this.config, this.credentials(), WATCH_OPTIONS);
    return new MailboxIdler(path, open, this.events, this.options.maxBackoffMs ?? 30_000, this.options.log, onConnect);
  }

  /** Starts IDLE on `path` too (dropping the previously viewed one); resolves once it listens. */
  async watch(path: string): Promise<void> {
    if (path.toUpperCase() === 'INBOX') {
      await this.viewed?.close();
      this.viewed = null;
      await this.inbox.started();
      return;
    }
    if (this.viewed?.path !== path) {
      const previous = this.viewed;
      this.viewed = this.idler(path);
      await previous?.close();
    }
    await this.viewed.started();
  }

  private startPolling(): void {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollSeconds * 1000);
    this.pollTimer.unref();
  }

  /** Subscribed mailboxes' counts; only the ones that changed since the last poll are pushed. */
  async poll(): Promise<void> {
    const client = this.inbox.connection;
    if (!client) return;
    try {
      const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
      for (const e of entries) {
        if (!e.subscribed || !e.status) continue;
        const key = `${e.status.messages ?? 0}/${e.status.unseen ?? 0}`;
        if (this.lastCounts.get(e.path) === key) continue;
        const first = !this.lastCounts.has(e.path);
        this.lastCounts.set(e.path, key);
        if (!first) this.events.counts({ path: e.path, total: e.status.messages ?? 0, unread: e.status.unseen ?? 0 });
      }
    } catch (err) {
      // A broken link also shows up as 'close' on the connection, and the idler reconnects.
      if (!this.closed) reportUnexpected(this.options.log, err, 'INBOX', 'LIST-STATUS poll');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await Promise.all([this.inbox.close(), this.viewed?.close()]);
  }
}

import type { Server as HttpsServer } from 'node:https';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  PUSH_PATH,
  resyncRequestSchema,
  watchRequestSchema,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/push.js';
import type { SessionStore } from '../session/sessions.js';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import type { MailWatcher } from '../imap/watcher.js';
import { mailboxState, resync } from '../imap/resync.js';
import type { Logger } from '../log/logger.js';
import type { FolderEvents } from './folder-events.js';

interface SocketData {
  sessionId: string;
  address: string;
}
type PushSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type PushServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What push keeps per session: its IDLE watcher, its socket count, and the grace timer. */
interface Entry {
  watcher: MailWatcher;
  sockets: number;
  grace: NodeJS.Timeout | null;
}

const room = (sessionId: string) => `session:${sessionId}`;
/** Every tab of an account, whichever session (browser) it belongs to. */
const accountRoom = (address: string) => `account:${address}`;

function fail(err: unknown): Ack<never> {
  return { ok: false, error: { code: err instanceof AppError ? err.code : 'INTERNAL' } };
}

/** Answers one inbound event (STYLE.md §6): the payload parsed first, every failure a coded acknowledgement. */
async function answer<S extends z.ZodType, T>(ack: unknown, schema: S, raw: unknown, work: (req: z.infer<S>) => Promise<T>): Promise<void> {
  if (typeof ack !== 'function') return;
  const reply = ack as (answer: Ack<T>) => void;
  const req = schema.safeParse(raw);
  if (!req.success) return reply({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  try {
    reply({ ok: true, data: await work(req.data) });
  } catch (err) {
    reply(fail(err));
  }
}

/**
 * socket.io push (DESIGN.md §4), attached to the HTTPS server. A socket is
 * accepted only with a live session cookie and our own Origin; it joins its
 * session's room, so events reach that session's tabs and nobody else's.
 * The IDLE watcher of a session runs while it has a socket, plus a grace
 * period after the last one leaves so a dropped link resumes cheaply.
 */
export function attachPush(server: HttpsServer, deps: { config: Config; sessions: SessionStore; log: Logger; folderEvents?: FolderEvents }) {
  const { config, sessions, log } = deps;
  const origin = `https://${config.http.publicHost}`;
  const io: PushServer = new Server(server, {
    path: PUSH_PATH,
    serveClient: false,
    // No CORS: the SPA is same-origin; any other Origin is refused below.
    cors: undefined,
    // JSON events compress well; tiny ones are not worth the deflate context.
    perMessageDeflate: { threshold: 512 },
    httpCompression: true,
    maxHttpBufferSize: 1_000_000,
  });
  const entries = new Map<string, Entry>();

  io.use(async (socket, next) => {
    const headers = socket.handshake.headers;
    // WebSocket upgrades always carry Origin (RFC 6455 §4.1); a browser's same-origin
    // long-polling GET may not, but then says so in Sec-Fetch-Site.
    const sameOrigin = headers.origin === undefined ? headers['sec-fetch-site'] === 'same-origin' : headers.origin === origin;
    if (!sameOrigin) return next(new Error('FORBIDDEN_ORIGIN'));
    const session = await sessions.get(readCookie(headers.cookie, SESSION_COOKIE));
    if (!session) return next(new Error('NOT_AUTHENTICATED'));
    socket.data.sessionId = session.id;
    socket.data.address = session.address;
    next();
  });

  const stopWatching = (sessionId: string) => {
    const entry = entries.get(sessionId);
    if (!entry) return;
    entries.delete(sessionId);
    if (entry.grace) clearTimeout(entry.grace);
    void entry.watcher.close();
  };

  const watcherFor = (sessionId: string): Entry | null => {
    let entry = entries.get(sessionId);
    if (entry) return entry;
    const session = sessions.peek(sessionId);
    if (!session) return null;
    const to = () => io.to(room(sessionId));
    const watcher = session.mail.openWatcher(
      {
        exists: (e) => to().emit('mailbox:exists', e),
        expunged: (e) => to().emit('mailbox:expunged', e),
        flags: (e) => to().emit('message:flagsChanged', e),
        counts: (e) => to().emit('mailbox:counts', e),
        state: (state) => {
          log.info({ event: 'push.imap_state', state, user: session.address }, 'push IMAP connection state');
          to().emit('imap:state', { state });
        },
      },
      { pollSeconds: config.push.statusPollSeconds, log: log.child({ user: session.address }) },
    );
    entry = { watcher, sockets: 0, grace: null };
    entries.set(sessionId, entry);
    return entry;
  };

  /** Every inbound event re-checks the session: a socket outliving its session is cut. */
  const live = async (socket: PushSocket) => {
    const session = await sessions.get(socket.data.sessionId);
    if (!session) {
      socket.emit('session:ended', { code: 'SESSION_EXPIRED' });
      socket.disconnect(true);
      throw new AppError('SESSION_EXPIRED', 'This session has ended.');
    }
    return session;
  };

  io.on('connection', (socket: PushSocket) => {
    const sessionId = socket.data.sessionId;
    void socket.join([room(sessionId), accountRoom(socket.data.address)]);
    const entry = watcherFor(sessionId);
    if (!entry) return void socket.disconnect(true);
    entry.sockets++;
    if (entry.grace) {
      clearTimeout(entry.grace);
      entry.grace = null;
    }

    socket.on('mailbox:watch', (raw, ack) =>
      answer(ack, watchRequestSchema, raw, async (req) => {
        const session = await live(socket);
        const current = watcherFor(sessionId);
        if (!current) throw new AppError('SESSION_EXPIRED', 'This session has ended.');
        // Listening first, then the baseline: a change between the two is pushed, not lost.
        await current.watcher.watch(req.path);
        return mailboxState(session.mail, req.path);
      }),
    );

    socket.on('resync', (raw, ack) => answer(ack, resyncRequestSchema, raw, async (req) => resync((await live(socket)).mail, req)));

    socket.on('disconnect', () => {
      const current = entries.get(sessionId);
      if (!current || current !== entry) return;
      current.sockets--;
      if (current.sockets > 0) return;
      current.grace = setTimeout(() => stopWatching(sessionId), config.push.graceSeconds * 1000);
      current.grace.unref();
    });
  });

  const unhookFolders = deps.folderEvents?.onChanged((address) => io.to(accountRoom(address)).emit('mailboxes:changed', {}));

  // Logout, idle expiry, a new login from the same browser: every socket of that session goes.
  const unhook = sessions.onDestroy((sessionId) => {
    io.to(room(sessionId)).emit('session:ended', { code: 'SESSION_EXPIRED' });
    io.in(room(sessionId)).disconnectSockets(true);
    stopWatching(sessionId);
  });

  return {
    io,
    /** Sessions with a running watcher (for tests and metrics). */
    get watching(): number {
      return entries.size;
    },
    async close(): Promise<void> {
      unhook();
      unhookFolders?.();
      for (const id of [...entries.keys()]) stopWatching(id);
      io.disconnectSockets(true);
      // io.close() would also close the HTTPS server, which start()/stop() owns.
      io.engine.close();
    },
  };
}

export type PushHub = ReturnType<typeof attachPush>;

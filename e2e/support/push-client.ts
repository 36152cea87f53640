import type https from 'node:https';
import { io, type Socket } from 'socket.io-client';
import { PUSH_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/push.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client in Node, as the browser would open it: our Origin, the session cookie, the server's CA. */
export function pushClient(url: string, caPem: string, opts: { cookie?: string | null; origin?: string; agent?: https.Agent } = {}): TestSocket {
  const headers: Record<string, string> = { origin: opts.origin ?? url };
  if (opts.cookie) headers.cookie = opts.cookie;
  return io(url, {
    path: PUSH_PATH,
    transports: ['websocket'],
    extraHeaders: headers,
    ca: caPem,
    reconnection: false,
    autoConnect: true,
    // An agent can reach a named host (mail.example.test) on loopback, as DNS would.
    ...(opts.agent ? { agent: opts.agent as never } : {}),
  });
}

/** Resolves when connected, rejects with the server's refusal message. */
export function connected(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** The next `event` whose payload satisfies `match`, or a rejection after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { createUser, seedBulkMailbox, type TestUser } from '../mailserver/mailstack.js';
import { ApiClient } from './api-client.js';
import { openProbe } from './imap-probe.js';
import { connected, pushClient, type TestSocket } from './push-client.js';
import { startWebmail, type TestWebmail } from './webmail.js';

/**
 * Shared setup for the integration tests (STYLE.md §11): the webmail a test
 * file starts, and the fresh users it signs in. Each `use…` registers its own
 * beforeAll/afterAll, so a file states what it needs and the teardown follows
 * by itself (vitest runs after-hooks in reverse order: users close before
 * their webmail stops). The values exist once the hooks have run; reading
 * one at module level, before that, throws instead of handing out
 * `undefined`.
 */

type Credentials = { address: string; password: string };

/** Holds a value set in a hook; reading it earlier is a mistake in the test file, so it says so. */
function slot<T>(what: string) {
  let value: T | undefined;
  return {
    set: (v: T) => void (value = v),
    get: (): T => {
      if (value === undefined) throw new Error(`${what} is not ready: read it inside a test or a later hook`);
      return value;
    },
    peek: () => value,
  };
}

/** A new ApiClient signed in as `user`; the sign-in must succeed. The caller closes it. */
export async function signIn(webmail: Pick<TestWebmail, 'url' | 'caPem'>, user: Credentials): Promise<ApiClient> {
  const client = new ApiClient(webmail.url, webmail.caPem);
  expect((await client.login(user.address, user.password)).status).toBe(200);
  return client;
}

export interface WebmailFixture {
  readonly app: TestWebmail;
  /** An ApiClient with no session, closed when the file ends. */
  client(): ApiClient;
  /** A new signed-in ApiClient for `user`, closed when the file ends. */
  signIn(user: Credentials): Promise<ApiClient>;
  /** Stops the server and starts it again with the same settings (pass WEBMAIL_DATA_DIR to keep its data). */
  restart(): Promise<void>;
}

/** Starts the real webmail for this file (startWebmail's arguments) and stops it after the file. */
export function useWebmail(overrides: Record<string, string> = {}, opts: Parameters<typeof startWebmail>[2] = {}): WebmailFixture {
  const app = slot<TestWebmail>('the webmail');
  const clients: ApiClient[] = [];
  beforeAll(async () => app.set(await startWebmail(inject('mailstack').env, overrides, opts)));
  afterAll(async () => {
    for (const c of clients) c.close();
    await app.peek()?.stop();
  });
  const track = (c: ApiClient) => (clients.push(c), c);
  return {
    get app() {
      return app.get();
    },
    client: () => track(new ApiClient(app.get().url, app.get().caPem)),
    signIn: async (user) => track(await signIn(app.get(), user)),
    restart: async () => {
      await app.get().stop();
      app.set(await startWebmail(inject('mailstack').env, overrides, opts));
    },
  };
}

export interface UserOptions {
  /** createUser's options: a fixed local part or password. */
  account?: { localPart?: string; password?: string };
  /** Open an independent IMAP connection (openProbe) as this user. */
  probe?: boolean;
  /** Sign in through the webmail (default true); false leaves `api` unset. */
  signIn?: boolean;
  /** Connect a push socket with the session's cookie (needs signIn). */
  push?: boolean;
  /** Fills the mailbox after the user (and probe) exist and before the sign-in, as a person's mail is there before they log in. */
  seed?: (ctx: { user: TestUser; readonly probe: ImapFlow }) => Promise<unknown>;
  /** beforeAll's timeout, for seeds that take long (the layer's hookTimeout otherwise). */
  timeout?: number;
}

export interface UserFixture extends Credentials {
  readonly user: TestUser;
  readonly api: ApiClient;
  readonly probe: ImapFlow;
  readonly socket: TestSocket;
}

/**
 * A fresh mail user for this file, signed in to `webmail` (and, as asked, with
 * an IMAP probe, a push socket and seeded mail); all closed after the file.
 */
export function useUser(webmail: WebmailFixture, opts: UserOptions = {}): UserFixture {
  const user = slot<TestUser>('the user');
  const api = slot<ApiClient>('the signed-in client (signIn: false?)');
  const probe = slot<ImapFlow>('the IMAP probe (probe: true?)');
  const socket = slot<TestSocket>('the push socket (push: true?)');
  beforeAll(async () => {
    const stack = inject('mailstack');
    const u = await createUser(stack, opts.account);
    user.set(u);
    if (opts.probe) probe.set(await openProbe(stack.env, u));
    await opts.seed?.({
      user: u,
      get probe() {
        return probe.get();
      },
    });
    if (opts.signIn === false) return;
    api.set(await signIn(webmail.app, u));
    if (!opts.push) return;
    socket.set(pushClient(webmail.app.url, webmail.app.caPem, { cookie: api.get().sessionCookie }));
    await connected(socket.get());
  }, opts.timeout);
  afterAll(async () => {
    socket.peek()?.close();
    api.peek()?.close();
    // A test may have broken the probe's connection on purpose; logging out of it is then moot.
    await probe.peek()?.logout().catch(() => undefined);
  });
  return {
    get user() {
      return user.get();
    },
    get address() {
      return user.get().address;
    },
    get password() {
      return user.get().password;
    },
    get api() {
      return api.get();
    },
    get probe() {
      return probe.get();
    },
    get socket() {
      return socket.get();
    },
  };
}

/**
 * The account whose 100,000-message folder is seeded once and then reused by
 * every file that only reads it (the seeder skips a folder that is already full).
 */
export const BULK_ACCOUNT = { localPart: 'bulk', password: 'bulk-password' };

/** A `seed` that fills `folder` with `count` generated messages (seedBulkMailbox). */
export function seedBulk(folder: string, count: number): NonNullable<UserOptions['seed']> {
  return ({ user }) => seedBulkMailbox(inject('mailstack'), user.address, folder, count);
}

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import type { Ack, MailboxState } from '../../shared/push.js';
import { createUser, deliver, startMailStack, stopMailStack } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { connected, nextEvent, pushClient, type TestSocket } from '../../e2e/support/push-client.js';
import { startWebmail, type TestWebmail } from '../../e2e/support/webmail.js';

// Stops and restarts the shared mail stack: keep this file alone in its layer's
// sequence (the integration layer runs files one at a time).
const stack = inject('mailstack');
let app: TestWebmail;
let api: ApiClient;
let socket: TestSocket;
let address: string;

beforeAll(async () => {
  app = await startWebmail(stack.env);
  const user = await createUser(stack);
  address = user.address;
  api = new ApiClient(app.url, app.caPem);
  expect((await api.login(user.address, user.password)).status).toBe(200);
  socket = pushClient(app.url, app.caPem, { cookie: api.sessionCookie });
  await connected(socket);
  const ack = await new Promise<Ack<MailboxState>>((resolve) => socket.emit('mailbox:watch', { path: 'INBOX' }, resolve));
  expect(ack.ok).toBe(true);
});

afterAll(async () => {
  socket?.close();
  api?.close();
  await startMailStack(); // whatever happened, leave the stack running for the next file
  await app?.stop();
});

describe('when Dovecot stops and starts again under an open socket', () => {
  it('says reconnecting, then connected, and pushes the next delivery without a new login', async () => {
    const reconnecting = nextEvent(socket, 'imap:state', (e) => e.state === 'reconnecting', 20_000);
    await stopMailStack();
    await reconnecting;
    expect(socket.connected).toBe(true); // the browser's link is untouched
    const back = nextEvent(socket, 'imap:state', (e) => e.state === 'connected', 45_000);
    await startMailStack();
    await back;
    const pushed = nextEvent(socket, 'mailbox:exists', (e) => e.path === 'INBOX' && e.count >= 1, 15_000);
    await deliver(stack, { from: 'alice@example.test', to: [address], raw: plainMessage('back', { subject: 'After the restart' }) });
    await pushed;
    expect((await api.get(API.session)).status).toBe(200);
  }, 120_000);
});

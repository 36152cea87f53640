import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import type { Ack, MailboxState } from '../../shared/push.js';
import { deliver, startMailStack, stopMailStack } from '../../e2e/mailserver/mailstack.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { nextEvent } from '../../e2e/support/push-client.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Stops and restarts the shared mail stack: keep this file alone in its layer's
// sequence (the integration layer runs files one at a time).
const stack = inject('mailstack');

const webmail = useWebmail();
const me = useUser(webmail, { push: true });

beforeAll(async () => {
  const ack = await new Promise<Ack<MailboxState>>((resolve) => me.socket.emit('mailbox:watch', { path: 'INBOX' }, resolve));
  expect(ack.ok).toBe(true);
});

afterAll(async () => {
  await startMailStack(); // whatever happened, leave the stack running for the next file
});

describe('when Dovecot stops and starts again under an open socket', () => {
  it('says reconnecting, then connected, and pushes the next delivery without a new login', async () => {
    const reconnecting = nextEvent(me.socket, 'imap:state', (e) => e.state === 'reconnecting', 20_000);
    await stopMailStack();
    await reconnecting;
    expect(me.socket.connected).toBe(true); // the browser's link is untouched
    const back = nextEvent(me.socket, 'imap:state', (e) => e.state === 'connected', 45_000);
    await startMailStack();
    await back;
    const pushed = nextEvent(me.socket, 'mailbox:exists', (e) => e.path === 'INBOX' && e.count >= 1, 15_000);
    await deliver(stack, { from: 'alice@example.test', to: [me.address], raw: plainMessage('back', { subject: 'After the restart' }) });
    await pushed;
    expect((await me.api.get(API.session)).status).toBe(200);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { mailboxListSchema } from '../../shared/mail.js';
import { createUser, startMailStack, stopMailStack } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { startWebmail, type TestWebmail } from '../../e2e/support/webmail.js';

// Stops and restarts the shared mail stack: keep this file alone in its layer's
// sequence (the integration layer runs files one at a time).
const stack = inject('mailstack');
let app: TestWebmail;
let api: ApiClient;

beforeAll(async () => {
  app = await startWebmail(stack.env);
  const user = await createUser(stack);
  api = new ApiClient(app.url, app.caPem);
  expect((await api.login(user.address, user.password)).status).toBe(200);
});

afterAll(async () => {
  api?.close();
  await startMailStack(); // whatever happened, leave the stack running for the next file
  await app?.stop();
});

describe('when the IMAP server goes away and comes back', () => {
  it('answers 503 IMAP_UNAVAILABLE while it is down, then carries on in the same session without a new login', async () => {
    expect((await api.get(API.mailboxes)).status).toBe(200);
    await stopMailStack();
    const down = await api.get(API.mailboxes);
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ error: { code: 'IMAP_UNAVAILABLE' } });
    await startMailStack();
    const back = await api.get(API.mailboxes);
    expect(back.status).toBe(200);
    expect(mailboxListSchema.parse(back.json).mailboxes.some((m) => m.path === 'INBOX')).toBe(true);
    // still the same session: no new cookie was needed
    expect((await api.get(API.session)).status).toBe(200);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/api.js';
import { mailboxListSchema } from '../../shared/mail.js';
import { startMailStack, stopMailStack } from '../../e2e/mailserver/mailstack.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Stops and restarts the shared mail stack: keep this file alone in its layer's
// sequence (the integration layer runs files one at a time).

const me = useUser(useWebmail());

afterAll(async () => {
  await startMailStack(); // whatever happened, leave the stack running for the next file
});

describe('when the IMAP server goes away and comes back', () => {
  it('answers 503 IMAP_UNAVAILABLE while it is down, then carries on in the same session without a new login', async () => {
    expect((await me.api.get(API.mailboxes)).status).toBe(200);
    await stopMailStack();
    const down = await me.api.get(API.mailboxes);
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ error: { code: 'IMAP_UNAVAILABLE' } });
    await startMailStack();
    const back = await me.api.get(API.mailboxes);
    expect(back.status).toBe(200);
    expect(mailboxListSchema.parse(back.json).mailboxes.some((m) => m.path === 'INBOX')).toBe(true);
    // still the same session: no new cookie was needed
    expect((await me.api.get(API.session)).status).toBe(200);
  });
});

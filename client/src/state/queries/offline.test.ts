import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../../api/http.js';
import { offlineStatus } from '../../offline/status.js';
import { memoryBackend, OfflineStore, recordIds } from '../../offline/store.js';
import { withSavedCopy } from './offline.js';
import { sessionKeys } from './session.js';

const account = 'ann@example.test';
const key = ['mailboxes'] as const;
const copy = {
  save: (store: OfflineStore, a: string, data: string[]) => store.saveMailboxes(a, data),
  load: (store: OfflineStore, a: string) => store.read<string[]>(a, recordIds.mailboxes(a), 'mailboxes', null),
};

function setup(signedIn = true) {
  const qc = new QueryClient();
  if (signedIn) qc.setQueryData(sessionKeys.current(), { user: { address: account }, csrfToken: 't', idleTimeoutSeconds: 60 });
  offlineStatus.reset();
  return { qc, store: new OfflineStore(memoryBackend()) };
}

describe('queries with a saved copy', () => {
  it('saves what the server answered and serves it when the network fails, saying the view is offline', async () => {
    const { qc, store } = setup();
    expect(await withSavedCopy(qc, key, async () => ['INBOX', 'Work'], copy, store)).toEqual(['INBOX', 'Work']);
    await new Promise((r) => setTimeout(r, 0));
    const offline = () => Promise.reject(new ApiRequestError('NETWORK_ERROR', 0, 'down'));
    expect(await withSavedCopy(qc, key, offline, copy, store)).toEqual(['INBOX', 'Work']);
    expect(offlineStatus.get().showingSaved).toBe(true);
    await withSavedCopy(qc, key, async () => ['INBOX'], copy, store);
    expect(offlineStatus.get().showingSaved).toBe(false);
  });

  it('keeps a refusal from the server an error (only a dead link falls back)', async () => {
    const { qc, store } = setup();
    await store.saveMailboxes(account, ['INBOX']);
    const refused = () => Promise.reject(new ApiRequestError('IMAP_ERROR', 502, 'NO'));
    await expect(withSavedCopy(qc, key, refused, copy, store)).rejects.toMatchObject({ code: 'IMAP_ERROR' });
  });

  it('saves nothing and serves nothing while nobody is signed in', async () => {
    const { qc, store } = setup(false);
    await withSavedCopy(qc, key, async () => ['INBOX'], copy, store);
    await new Promise((r) => setTimeout(r, 0));
    expect(await store.read(account, recordIds.mailboxes(account), 'mailboxes', null)).toBeUndefined();
  });
});

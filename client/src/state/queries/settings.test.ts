// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings.js';
import { readLocalSettings } from '../../settings/localCopy.js';
import { sessionKeys } from './session.js';
import { settingsKeys, settingsMutationOptions } from './settings.js';

const SAVED: Settings = { ...DEFAULT_SETTINGS, theme: 'light', pageSize: 25 };

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(sessionKeys.current(), { user: { address: 'ann@example.test' }, csrfToken: 't', idleTimeoutSeconds: 60 });
  qc.setQueryData(settingsKeys.current(), SAVED);
  return { qc, observer: () => new MutationObserver(qc, settingsMutationOptions(qc)) };
}

/** fetch answers only when the test says so, to look at the cache in between. */
function deferredFetch() {
  const pending: Array<(r: Response) => void> = [];
  const fetchMock = vi.fn(() => new Promise<Response>((resolve) => pending.push(resolve)));
  vi.stubGlobal('fetch', fetchMock);
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return { fetchMock, answer: (i: number, status: number, body: unknown) => pending[i]!(json(status, body)) };
}

const current = (qc: QueryClient) => qc.getQueryData<Settings>(settingsKeys.current());

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('settings mutation', () => {
  it('shows the change at once, sends only the changed field, and keeps the server’s answer', async () => {
    const { qc, observer } = setup();
    const { fetchMock, answer } = deferredFetch();
    const done = observer().mutate({ theme: 'dark' });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(current(qc)).toEqual({ ...SAVED, theme: 'dark' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect([url, init.method, JSON.parse(init.body as string)]).toEqual(['/api/settings', 'PATCH', { theme: 'dark' }]);
    answer(0, 200, { ...SAVED, theme: 'dark', undoSendSeconds: 30 });
    await done;
    expect(current(qc)).toEqual({ ...SAVED, theme: 'dark', undoSendSeconds: 30 });
    // The device keeps a copy for the next reload, under this account only.
    expect(readLocalSettings('ann@example.test')?.settings.theme).toBe('dark');
    expect(readLocalSettings('bob@example.test')).toBeNull();
  });

  it('rolls back when the server refuses', async () => {
    const { qc, observer } = setup();
    const { fetchMock, answer } = deferredFetch();
    const done = observer().mutate({ pageSize: 100 }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(current(qc)?.pageSize).toBe(100);
    answer(0, 400, { error: { code: 'VALIDATION_FAILED', message: 'pageSize', field: 'pageSize' } });
    expect(await done).toMatchObject({ code: 'VALIDATION_FAILED', field: 'pageSize' });
    expect(current(qc)).toEqual(SAVED);
  });

  it('does not let the first of two quick changes undo the second', async () => {
    const { qc, observer } = setup();
    const { fetchMock, answer } = deferredFetch();
    const first = observer().mutate({ theme: 'dark' });
    const second = observer().mutate({ language: 'fr' });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(current(qc)).toMatchObject({ theme: 'dark', language: 'fr' });
    answer(0, 200, { ...SAVED, theme: 'dark' });
    await first;
    expect(current(qc)).toMatchObject({ theme: 'dark', language: 'fr' });
    answer(1, 200, { ...SAVED, theme: 'dark', language: 'fr' });
    await second;
    expect(current(qc)).toEqual({ ...SAVED, theme: 'dark', language: 'fr' });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiRequestError, apiRequest, onSessionLost, setCsrfToken } from './http.js';

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const ok = z.object({ ok: z.literal(true) });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  onSessionLost(null);
});

describe('apiRequest', () => {
  it('sends the CSRF token and JSON content type on changes, not on reads', async () => {
    setCsrfToken('t0k');
    const fetchMock = stubFetch(200, { ok: true });
    await apiRequest('/api/x', ok, { method: 'POST', body: { a: 1 } });
    await apiRequest('/api/x', ok, { query: { mailbox: 'Work/2024', offset: 50 } });
    const [postUrl, post] = fetchMock.mock.calls[0]!;
    const [getUrl, get] = fetchMock.mock.calls[1]!;
    expect(postUrl).toBe('/api/x');
    expect(post!.headers).toMatchObject({ 'x-csrf-token': 't0k', 'content-type': 'application/json' });
    expect(post!.body).toBe('{"a":1}');
    expect(getUrl).toBe('/api/x?mailbox=Work%2F2024&offset=50');
    expect(get!.headers).not.toHaveProperty('x-csrf-token');
  });

  it('turns error bodies into coded errors and reports a lost session', async () => {
    const lost = vi.fn();
    onSessionLost(lost);
    stubFetch(401, { error: { code: 'SESSION_EXPIRED', message: 'idle' } });
    await expect(apiRequest('/api/x', ok)).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(lost).toHaveBeenCalledWith('SESSION_EXPIRED');
  });

  it('does not report a lost session for a wrong password', async () => {
    const lost = vi.fn();
    onSessionLost(lost);
    stubFetch(401, { error: { code: 'AUTH_FAILED', message: 'no' } });
    await expect(apiRequest('/api/session', ok, { method: 'POST', body: {}, reportSessionLoss: false })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(lost).not.toHaveBeenCalled();
  });

  it('carries retryAfter and maps answers that break the contract', async () => {
    stubFetch(429, { error: { code: 'RATE_LIMITED', message: 'slow', retryAfter: 12 } });
    await expect(apiRequest('/api/x', ok)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfter: 12 });
    stubFetch(200, { ok: 'yes' });
    await expect(apiRequest('/api/x', ok)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    stubFetch(502, undefined);
    await expect(apiRequest('/api/x', ok)).rejects.toBeInstanceOf(ApiRequestError);
  });

  it('lets an abort through untouched, so a cancelled page is not an error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new DOMException('aborted', 'AbortError');
    }));
    await expect(apiRequest('/api/x', ok, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

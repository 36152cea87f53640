import http from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { remoteImagePath } from '../../shared/remote.js';
import { createUser } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { freePort, startWebmail } from '../../e2e/support/webmail.js';
import { useWebmail } from '../../e2e/support/fixtures.js';

const stack = inject('mailstack');

const metricsPort = await freePort();
const webmail = useWebmail({ WEBMAIL_METRICS_PORT: String(metricsPort) });

function get(host: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port: metricsPort, path, timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
  });
}

const scrape = async () => (await get('127.0.0.1', '/metrics')).body;

/** The value of one series, e.g. value(text, 'webmail_login_attempts_total{outcome="success"}'). */
function value(text: string, series: string, absentIsZero = false): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line && absentIsZero) return 0;
  if (!line) throw new Error(`no series ${series} in:\n${text.slice(0, 2000)}`);
  return Number(line.slice(series.length + 1));
}

describe('the metrics listener', () => {
  it('is off unless configured', async () => {
    const plain = await startWebmail(stack.env);
    expect(plain.server.metricsPort).toBeNull();
    await plain.stop();
  });

  it('serves the Prometheus text format on 127.0.0.1, and nothing else there', async () => {
    expect(webmail.app.server.metricsPort).toBe(metricsPort);
    const res = await get('127.0.0.1', '/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['webmail_sessions_open', 'webmail_sessions_stored', 'webmail_imap_connections', 'webmail_http_request_duration_seconds', 'webmail_login_attempts_total', 'webmail_outbox_jobs', 'webmail_remote_image_requests_total', 'webmail_push_latency_seconds']) {
      expect(res.body).toContain(`# TYPE ${name} `);
    }
    expect((await get('127.0.0.1', '/')).status).toBe(404);
    expect((await get('127.0.0.1', '/metrics/../api/session')).status).toBe(404);
  });

  it('is bound to 127.0.0.1 only: other loopback addresses and ::1 are refused', async () => {
    await expect(get('127.0.0.2', '/metrics')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(get('::1', '/metrics')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|EADDRNOTAVAIL/) });
  });

  it('is not on the public HTTPS port', async () => {
    const c = new ApiClient(webmail.app.url, webmail.app.caPem);
    const res = await c.get<{ error: { code: string } }>('/metrics');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('webmail_');
    c.close();
  });
});

describe('the counters move', () => {
  it('after a failed and a successful login, and with the session and IMAP connection it opened', async () => {
    const user = await createUser(stack);
    const before = await scrape();
    const c = new ApiClient(webmail.app.url, webmail.app.caPem);
    expect((await c.login(user.address, 'wrong password')).status).toBe(401);
    expect((await c.login(user.address, user.password)).status).toBe(200);
    expect((await c.get(API.mailboxes)).status).toBe(200);
    const after = await scrape();
    // A labelled series appears with its first observation.
    const delta = (series: string) => value(after, series) - value(before, series, true);
    expect(delta('webmail_login_attempts_total{outcome="success"}')).toBe(1);
    expect(delta('webmail_login_attempts_total{outcome="failure"}')).toBe(1);
    expect(value(after, 'webmail_sessions_open')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'webmail_imap_connections{state="connected"}')).toBeGreaterThanOrEqual(1);
    // By route pattern and status class, never by raw path.
    expect(delta('webmail_http_request_duration_seconds_count{method="POST",route="/api/session",status="2xx"}')).toBe(1);
    expect(delta('webmail_http_request_duration_seconds_count{method="POST",route="/api/session",status="4xx"}')).toBe(1);
    expect(delta('webmail_http_request_duration_seconds_count{method="GET",route="/api/mailboxes",status="2xx"}')).toBe(1);
    expect(value(after, 'webmail_outbox_jobs{state="waiting"}')).toBe(0);

    const refusedBefore = value(after, 'webmail_remote_image_requests_total{outcome="refused"}');
    expect((await c.get(remoteImagePath('http://169.254.169.254/latest/meta-data/'))).status).toBe(403);
    expect(value(await scrape(), 'webmail_remote_image_requests_total{outcome="refused"}')).toBe(refusedBefore + 1);

    const sessionsBefore = value(await scrape(), 'webmail_sessions_open');
    const storedBefore = value(await scrape(), 'webmail_sessions_stored');
    expect(storedBefore).toBeGreaterThanOrEqual(1);
    await c.request('DELETE', API.session);
    expect(value(await scrape(), 'webmail_sessions_open')).toBe(sessionsBefore - 1);
    expect(value(await scrape(), 'webmail_sessions_stored')).toBe(storedBefore - 1);
    c.close();
  });
});

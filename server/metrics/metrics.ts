import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SessionStore } from '../session/sessions.js';

/**
 * Prometheus metrics for admins (issue 6 part 6). One registry per process,
 * like prom-client's default, but our own so nothing else registers into it.
 * Counters and histograms are bumped where things happen; gauges read the
 * live objects (sessions, outbox) when Prometheus scrapes, so they cost
 * nothing between scrapes. Served only by the loopback listener in
 * metrics-server.ts, never by the public app.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'webmail_process_' });

const sessionStores = new Set<SessionStore>();
/** What the outbox gauge reads (the outbox feature's Outbox); metrics sit below features and name no feature type. */
interface OutboxCounts {
  countByState(): Record<string, number>;
}

const outboxes = new Set<OutboxCounts>();

/** Counts these in the gauges until the returned function is called (server stop). */
export function trackSources(sources: { sessions: SessionStore; outbox: OutboxCounts }): () => void {
  sessionStores.add(sources.sessions);
  outboxes.add(sources.outbox);
  return () => {
    sessionStores.delete(sources.sessions);
    outboxes.delete(sources.outbox);
  };
}

/** A gauge of sessions summed over the tracked stores when scraped. */
function sessionGauge(name: string, help: string, count: (store: SessionStore) => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      let n = 0;
      for (const store of sessionStores) n += count(store);
      this.set(n);
    },
  });
}

sessionGauge('webmail_sessions_open', 'Signed-in sessions held live by this process (resumed or signed in since it started).', (s) => s.size);
sessionGauge('webmail_sessions_stored', 'Signed-in sessions stored in the data directory, live in this process or not: what a restart keeps.', (s) => s.stored);

new Gauge({
  name: 'webmail_imap_connections',
  help: 'Command connections of signed-in sessions to the IMAP server, by state.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const counts = { connected: 0, reconnecting: 0, disconnected: 0 };
    for (const store of sessionStores) for (const s of store.all()) counts[s.mail.connectionState] += 1;
    for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
  },
});

new Gauge({
  name: 'webmail_outbox_jobs',
  help: 'Messages in the outbox, by state.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const counts: Record<string, number> = { waiting: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
    for (const outbox of outboxes) for (const [state, n] of Object.entries(outbox.countByState())) counts[state] = (counts[state] ?? 0) + n;
    for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
  },
});

const httpDuration = new Histogram({
  name: 'webmail_http_request_duration_seconds',
  help: 'Time to answer an HTTP request on the public listener, by route pattern and status class.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export type LoginOutcome = 'success' | 'failure' | 'throttled' | 'error';
const logins = new Counter({
  name: 'webmail_login_attempts_total',
  help: 'Sign-in attempts by outcome: success, failure (wrong credentials), throttled, error (IMAP unreachable and the like).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export type RemoteImageOutcome = 'ok' | 'refused' | 'not_image' | 'too_large' | 'failed' | 'disabled';
const remoteImages = new Counter({
  name: 'webmail_remote_image_requests_total',
  help: 'Remote-image proxy requests by outcome; "refused" counts destinations the address policy blocked (SSRF attempts among them).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const pushLatency = new Histogram({
  name: 'webmail_push_latency_seconds',
  help: 'From the IMAP server telling us of a change to the push event leaving for the browser.',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

// Every label starts at zero, so a rate() over a fresh process has a series to read.
for (const outcome of ['success', 'failure', 'throttled', 'error'] as const) logins.inc({ outcome }, 0);
for (const outcome of ['ok', 'refused', 'not_image', 'too_large', 'failed', 'disabled'] as const) remoteImages.inc({ outcome }, 0);

export function countLogin(outcome: LoginOutcome): void {
  logins.inc({ outcome });
}

export function countRemoteImage(outcome: RemoteImageOutcome): void {
  remoteImages.inc({ outcome });
}

/** For the push engine: seconds from the IMAP notification to the socket.io emit. */
export function observePushLatency(seconds: number): void {
  if (Number.isFinite(seconds) && seconds >= 0) pushLatency.observe(seconds);
}

/**
 * Times every request on the public app. The route label is Express's
 * pattern ("/api/messages/:uid"), never the raw path, so UIDs and mailbox
 * names neither leak into metrics nor explode their cardinality.
 */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const stop = httpDuration.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route =
        typeof pattern === 'string' ? pattern
        : req.path.startsWith('/api/') || req.path === '/api' ? 'api:unmatched'
        : req.path.startsWith('/assets/') ? 'static:assets'
        : 'static:other';
      stop({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };
}

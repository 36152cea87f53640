import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { identityAddressPolicySchema, type IdentityAddressPolicy } from '../../shared/identities.js';

/**
 * The one configuration object (DESIGN.md §9). Read once at start-up from the
 * environment, plus an optional file named by WEBMAIL_CONFIG_FILE whose
 * KEY=value lines add to it (the environment wins). A bad value stops the start
 * with a message that names the setting. There is no default secret.
 */

const port = z.coerce.number().int().min(0).max(65535);
const hostname = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]+$/, 'a host name or IP address, without scheme or path');
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const existingFile = z
  .string()
  .min(1)
  .refine((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  }, 'a readable file');

/** Every setting, with its environment variable name as the key, so errors name what the admin typed. */
const envSchema = z
  .object({
    WEBMAIL_IMAP_HOST: hostname,
    WEBMAIL_IMAP_PORT: port.default(993),
    WEBMAIL_IMAP_SECURITY: z.enum(['tls', 'starttls']).default('tls'),
    WEBMAIL_IMAP_CA_FILE: existingFile.optional(),
    WEBMAIL_SMTP_HOST: hostname.optional(),
    WEBMAIL_SMTP_PORT: port.default(587),
    WEBMAIL_SMTP_SECURITY: z.enum(['tls', 'starttls']).default('starttls'),
    WEBMAIL_SMTP_CA_FILE: existingFile.optional(),
    /** ManageSieve (RFC 5804) for filters and the vacation reply; "off" turns both off. */
    WEBMAIL_SIEVE_HOST: hostname.optional(),
    WEBMAIL_SIEVE_PORT: z.union([z.literal('off'), port]).default(4190),
    WEBMAIL_SIEVE_TLS: z.enum(['starttls', 'implicit']).default('starttls'),
    WEBMAIL_SIEVE_CA_FILE: existingFile.optional(),
    /** Off when the submission server itself files a copy in Sent (some do, via a Sieve or Dovecot's imapsieve). */
    WEBMAIL_SMTP_SAVE_SENT: bool.default(true),
    /** The undo-send window: messages wait this long on the server before they go out. */
    WEBMAIL_UNDO_SEND_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
    /** Upper bound for one outgoing message; the SMTP server's EHLO SIZE lowers it further. */
    WEBMAIL_MAX_MESSAGE_MB: z.coerce.number().int().min(1).max(1024).default(25),
    WEBMAIL_LISTEN_HOST: z.string().min(1).default('0.0.0.0'),
    WEBMAIL_HTTPS_PORT: port.default(8443),
    /** "off" disables the redirecting plain-HTTP listener (say, when a proxy redirects). */
    WEBMAIL_HTTP_PORT: z.union([z.literal('off'), port]).default(8080),
    /** The canonical host (with a port when it is not 443) that redirects and origin checks use. */
    WEBMAIL_PUBLIC_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/, 'a host name with an optional :port, without scheme or path')
      .optional(),
    /** Other names of this site (webmail.example.com): requests for them are redirected to the public host. */
    WEBMAIL_HOST_ALIASES: z
      .string()
      .regex(/^\s*[A-Za-z0-9.-]+(\s*,\s*[A-Za-z0-9.-]+)*\s*$/, 'a comma-separated list of host names')
      .optional(),
    WEBMAIL_TLS_CERT: existingFile.optional(),
    WEBMAIL_TLS_KEY: existingFile.optional(),
    WEBMAIL_DATA_DIR: z.string().min(1).default('./data'),
    WEBMAIL_SESSION_SECRET: z.string().min(32, 'at least 32 characters (try: openssl rand -hex 32)'),
    /** The secret before a rotation: only opens stored sessions (which are then sealed again with the current one). */
    WEBMAIL_SESSION_PREVIOUS_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    WEBMAIL_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    WEBMAIL_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** Express `trust proxy`: set it when a reverse proxy terminates TLS in front of the app. */
    WEBMAIL_TRUST_PROXY: z.string().default('false'),
    WEBMAIL_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    WEBMAIL_LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(8),
    WEBMAIL_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    WEBMAIL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEBMAIL_HSTS: bool.default(true),
    /** How often the counts of subscribed folders nobody is IDLEing on are polled (LIST-STATUS), while a tab is open. */
    WEBMAIL_STATUS_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** How long a session's push connections stay open after its last tab went away (a dropped link, a sleeping laptop). */
    WEBMAIL_PUSH_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
    /** The loopback-only Prometheus listener (127.0.0.1:<port>/metrics); "off" by default. */
    WEBMAIL_METRICS_PORT: z.union([z.literal('off'), port]).default('off'),
    /** At stop (SIGTERM), how long requests and streams under way may take to finish before they are cut. */
    WEBMAIL_SHUTDOWN_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /** "false" keeps remote images blocked for everyone: no "Load images", no proxy. */
    WEBMAIL_REMOTE_IMAGES: bool.default(true),
    WEBMAIL_REMOTE_IMAGE_MAX_MB: z.coerce.number().min(0.1).max(50).default(5),
    WEBMAIL_REMOTE_IMAGE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
    WEBMAIL_STATIC_DIR: z.string().optional(),
    /** Which From addresses users may give their identities: the login only, its domain, or any. */
    WEBMAIL_IDENTITY_ADDRESSES: identityAddressPolicySchema.default('domain'),
    /** Extra IMAP connections one search across all folders may open, each searching one folder at a time. */
    WEBMAIL_SEARCH_CONNECTIONS: z.coerce.number().int().min(1).max(10).default(3),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.WEBMAIL_TLS_CERT) !== Boolean(env.WEBMAIL_TLS_KEY)) {
      ctx.addIssue({ code: 'custom', path: [env.WEBMAIL_TLS_CERT ? 'WEBMAIL_TLS_KEY' : 'WEBMAIL_TLS_CERT'], message: 'set both WEBMAIL_TLS_CERT and WEBMAIL_TLS_KEY, or neither' });
    }
  });

export type Security = 'tls' | 'starttls';

/** Where filters live; null when WEBMAIL_SIEVE_PORT is off. */
export type SieveConfig = { host: string; port: number; tls: 'starttls' | 'implicit'; caFile: string | null } | null;

export interface Config {
  imap: { host: string; port: number; security: Security; caFile: string | null };
  smtp: { host: string; port: number; security: Security; caFile: string | null; saveSent: boolean };
  compose: { undoSeconds: number; maxMessageBytes: number };
  sieve: SieveConfig;
  http: {
    listenHost: string;
    httpsPort: number;
    /** null: no redirect listener. */
    httpPort: number | null;
    publicHost: string;
    /** Lower-case host names redirected to publicHost. */
    hostAliases: string[];
    tlsCertFile: string | null;
    tlsKeyFile: string | null;
    trustProxy: boolean | number | string;
    hsts: boolean;
    staticDir: string;
  };
  dataDir: string;
  session: { secret: string; previousSecret: string | null; idleMinutes: number; maxHours: number };
  login: { maxFailuresPerIp: number; maxFailuresPerAccount: number; windowMinutes: number };
  push: { statusPollSeconds: number; graceSeconds: number };
  /** null: no metrics listener. */
  metrics: { port: number | null };
  shutdown: { graceMs: number };
  remoteImages: { enabled: boolean; maxBytes: number; timeoutMs: number };
  identities: { addresses: IdentityAddressPolicy };
  search: { connections: number };
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly setting: string, detail: string) {
    super(`Invalid configuration: ${setting}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** KEY=value lines; blank lines and # comments ignored; optional quotes stripped. */
export function parseConfigFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new ConfigError('WEBMAIL_CONFIG_FILE', `line ${i + 1} is not KEY=value`);
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // an address list such as "loopback" or "10.0.0.1"
}

/** Builds the configuration from an environment (process.env by default). Throws ConfigError naming the setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let merged: Record<string, string | undefined> = { ...env };
  const file = env.WEBMAIL_CONFIG_FILE;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError('WEBMAIL_CONFIG_FILE', `cannot read ${file}`);
    }
    merged = { ...parseConfigFile(text), ...env };
  }
  // Empty variables count as unset, as admins write `WEBMAIL_X=` to clear one.
  const cleaned = Object.fromEntries(Object.entries(merged).filter(([k, v]) => k.startsWith('WEBMAIL_') && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0] ?? 'configuration');
    const detail = issue.code === 'invalid_type' && cleaned[setting] === undefined ? 'is required' : issue.message;
    throw new ConfigError(setting, detail);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.WEBMAIL_DATA_DIR);
  const defaultPublic = e.WEBMAIL_HTTPS_PORT === 443 ? 'localhost' : `localhost:${e.WEBMAIL_HTTPS_PORT}`;
  return {
    imap: { host: e.WEBMAIL_IMAP_HOST, port: e.WEBMAIL_IMAP_PORT, security: e.WEBMAIL_IMAP_SECURITY, caFile: e.WEBMAIL_IMAP_CA_FILE ?? null },
    smtp: {
      host: e.WEBMAIL_SMTP_HOST ?? e.WEBMAIL_IMAP_HOST,
      port: e.WEBMAIL_SMTP_PORT,
      security: e.WEBMAIL_SMTP_SECURITY,
      caFile: e.WEBMAIL_SMTP_CA_FILE ?? null,
      saveSent: e.WEBMAIL_SMTP_SAVE_SENT,
    },
    compose: { undoSeconds: e.WEBMAIL_UNDO_SEND_SECONDS, maxMessageBytes: e.WEBMAIL_MAX_MESSAGE_MB * 1024 * 1024 },
    // Usually the same Dovecot as IMAP, so its host and CA are the defaults.
    sieve:
      e.WEBMAIL_SIEVE_PORT === 'off'
        ? null
        : {
            host: e.WEBMAIL_SIEVE_HOST ?? e.WEBMAIL_IMAP_HOST,
            port: e.WEBMAIL_SIEVE_PORT,
            tls: e.WEBMAIL_SIEVE_TLS,
            caFile: e.WEBMAIL_SIEVE_CA_FILE ?? e.WEBMAIL_IMAP_CA_FILE ?? null,
          },
    http: {
      listenHost: e.WEBMAIL_LISTEN_HOST,
      httpsPort: e.WEBMAIL_HTTPS_PORT,
      httpPort: e.WEBMAIL_HTTP_PORT === 'off' ? null : e.WEBMAIL_HTTP_PORT,
      publicHost: e.WEBMAIL_PUBLIC_HOST ?? defaultPublic,
      hostAliases: (e.WEBMAIL_HOST_ALIASES ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      tlsCertFile: e.WEBMAIL_TLS_CERT ?? null,
      tlsKeyFile: e.WEBMAIL_TLS_KEY ?? null,
      trustProxy: parseTrustProxy(e.WEBMAIL_TRUST_PROXY),
      hsts: e.WEBMAIL_HSTS,
      staticDir: path.resolve(e.WEBMAIL_STATIC_DIR ?? 'dist/client'),
    },
    dataDir,
    session: { secret: e.WEBMAIL_SESSION_SECRET, previousSecret: e.WEBMAIL_SESSION_PREVIOUS_SECRET ?? null, idleMinutes: e.WEBMAIL_SESSION_IDLE_MINUTES, maxHours: e.WEBMAIL_SESSION_MAX_HOURS },
    login: {
      maxFailuresPerIp: e.WEBMAIL_LOGIN_MAX_FAILURES_PER_IP,
      maxFailuresPerAccount: e.WEBMAIL_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      windowMinutes: e.WEBMAIL_LOGIN_WINDOW_MINUTES,
    },
    push: { statusPollSeconds: e.WEBMAIL_STATUS_POLL_SECONDS, graceSeconds: e.WEBMAIL_PUSH_GRACE_SECONDS },
    metrics: { port: e.WEBMAIL_METRICS_PORT === 'off' ? null : e.WEBMAIL_METRICS_PORT },
    shutdown: { graceMs: e.WEBMAIL_SHUTDOWN_SECONDS * 1000 },
    remoteImages: {
      enabled: e.WEBMAIL_REMOTE_IMAGES,
      maxBytes: Math.round(e.WEBMAIL_REMOTE_IMAGE_MAX_MB * 1024 * 1024),
      timeoutMs: e.WEBMAIL_REMOTE_IMAGE_TIMEOUT_SECONDS * 1000,
    },
    identities: { addresses: e.WEBMAIL_IDENTITY_ADDRESSES },
    search: { connections: e.WEBMAIL_SEARCH_CONNECTIONS },
    logLevel: e.WEBMAIL_LOG_LEVEL,
  };
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the stack lives and which loopback ports it answers on. */
export interface StackConfig {
  repoDir: string;
  runDir: string;
  /** Unix sockets (Dovecot base_dir, LMTP, SASL); short because sun_path is ~108 bytes. */
  socketDir: string;
  imapsPort: number;
  imapStarttlsPort: number;
  submissionPort: number;
  smtpInjectPort: number;
  /** ManageSieve (RFC 5804), STARTTLS required before AUTHENTICATE. */
  sievePort: number;
  mailUser: string;
  /** Distinguishes this Dovecot instance from any other on the machine (doveadm instance list). */
  instance: string;
}

export const DOMAIN = 'example.test' as const;
export const HOST = '127.0.0.1' as const;
export const MAIL_USER = 'webmail-vmail';
export const DEFAULT_PORTS = { imaps: 10993, imapStarttls: 10143, submission: 10587, smtpInject: 10025, sieve: 10190 } as const;
/**
 * Where Dovecot hands its own outgoing mail (vacation replies, redirects) to
 * Postfix: the injection port's number on a second loopback address, so the
 * stack needs no extra port while the injection port keeps refusing relay.
 */
export const RELAY_HOST = '127.0.0.2' as const;

const here = dirname(fileURLToPath(import.meta.url));
export const TEMPLATE_DIR = join(here, 'templates');
export const REPO_DIR = resolve(here, '..', '..');

/** Longest socket name Dovecot creates below base_dir ("dovecot/token-login/tokenlogin") plus slack. */
const LONGEST_SOCKET_SUFFIX = 40;
const SUN_PATH_BUDGET = 100;

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return n;
}

export function resolveConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const runDir = resolve(env.MAILSTACK_DIR || join(REPO_DIR, '.run', 'mailstack'));
  const hash = createHash('sha256').update(runDir).digest('hex').slice(0, 10);
  const inRun = join(runDir, 'sock');
  const socketDir = inRun.length + LONGEST_SOCKET_SUFFIX < SUN_PATH_BUDGET ? inRun : `/tmp/mailstack-${hash}`;
  return {
    repoDir: REPO_DIR,
    runDir,
    socketDir,
    imapsPort: port(env, 'MAILSTACK_IMAPS_PORT', DEFAULT_PORTS.imaps),
    imapStarttlsPort: port(env, 'MAILSTACK_IMAP_PORT', DEFAULT_PORTS.imapStarttls),
    submissionPort: port(env, 'MAILSTACK_SUBMISSION_PORT', DEFAULT_PORTS.submission),
    smtpInjectPort: port(env, 'MAILSTACK_SMTP_PORT', DEFAULT_PORTS.smtpInject),
    sievePort: port(env, 'MAILSTACK_SIEVE_PORT', DEFAULT_PORTS.sieve),
    mailUser: MAIL_USER,
    instance: `mailstack-${hash}`,
  };
}

function postfixQueueDir(cfg: StackConfig): string {
  const inRun = join(cfg.runDir, 'postfix-queue');
  return inRun.length + LONGEST_SOCKET_SUFFIX < SUN_PATH_BUDGET ? inRun : join(cfg.socketDir, 'postfix-queue');
}

/** Paths of every file the stack writes, derived from the run directory. */
export function stackPaths(cfg: StackConfig) {
  const r = cfg.runDir;
  return {
    certDir: join(r, 'certs'),
    caFile: join(r, 'certs', 'ca.pem'),
    dovecotDir: join(r, 'dovecot'),
    dovecotConf: join(r, 'dovecot', 'dovecot.conf'),
    dovecotLog: join(r, 'dovecot', 'dovecot.log'),
    dovecotBaseDir: join(cfg.socketDir, 'dovecot'),
    dovecotPidFile: join(cfg.socketDir, 'dovecot', 'master.pid'),
    postfixConfigDir: join(r, 'postfix'),
    // Postfix keeps its own sockets (public/postlog, private/…) in the queue directory.
    postfixQueueDir: postfixQueueDir(cfg),
    postfixDataDir: join(r, 'postfix-data'),
    postfixPidFile: join(postfixQueueDir(cfg), 'pid', 'master.pid'),
    maillog: join(r, 'postfix', 'maillog'),
    lmtpSocket: join(cfg.socketDir, 'lmtp'),
    authSocket: join(cfg.socketDir, 'auth-postfix'),
    binDir: join(r, 'bin'),
    sinkDir: join(r, 'sink'),
    mailDir: join(r, 'mail'),
    usersDir: join(r, 'users'),
    lockDir: join(r, 'locks'),
    stateFile: join(r, 'stack.json'),
  };
}

/** Fills {{NAME}} placeholders; an unknown placeholder is a bug in the template, so it throws. */
export function renderTemplate(name: string, vars: Record<string, string | number>): string {
  const text = readFileSync(join(TEMPLATE_DIR, name), 'utf8');
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`template ${name}: no value for {{${key}}}`);
    return String(v);
  });
}

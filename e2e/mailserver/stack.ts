import { existsSync, writeFileSync } from 'node:fs';
import { DOMAIN, HOST, resolveConfig, stackPaths, type StackConfig } from './config.js';
import { configsDiffer, isHealthy, prepareRunDir, renderConfigs, startDaemons, stopDaemons, writeConfigs } from './daemons.js';
import { withLock } from './lock.js';
import { ensureSystemUser } from './system.js';

export interface MailStack {
  runDir: string;
  domain: typeof DOMAIN;
  host: typeof HOST;
  imapsPort: number;
  imapStarttlsPort: number;
  submissionPort: number;
  smtpInjectPort: number;
  /** ManageSieve (RFC 5804): STARTTLS, then AUTHENTICATE "PLAIN". */
  sievePort: number;
  /** PEM of the CA that signed the IMAP/SMTP server certificates. */
  caFile: string;
  /** Settings for the webmail server (WEBMAIL_IMAP_HOST, …) pointing at this stack. */
  env: Record<string, string>;
}

export function describeStack(cfg: StackConfig): MailStack {
  const caFile = stackPaths(cfg).caFile;
  return {
    runDir: cfg.runDir,
    domain: DOMAIN,
    host: HOST,
    imapsPort: cfg.imapsPort,
    imapStarttlsPort: cfg.imapStarttlsPort,
    submissionPort: cfg.submissionPort,
    smtpInjectPort: cfg.smtpInjectPort,
    sievePort: cfg.sievePort,
    caFile,
    env: {
      WEBMAIL_IMAP_HOST: HOST,
      WEBMAIL_IMAP_PORT: String(cfg.imapsPort),
      WEBMAIL_IMAP_SECURITY: 'tls',
      WEBMAIL_IMAP_CA_FILE: caFile,
      WEBMAIL_SMTP_HOST: HOST,
      WEBMAIL_SMTP_PORT: String(cfg.submissionPort),
      WEBMAIL_SMTP_SECURITY: 'starttls',
      WEBMAIL_SMTP_CA_FILE: caFile,
      WEBMAIL_SIEVE_HOST: HOST,
      WEBMAIL_SIEVE_PORT: String(cfg.sievePort),
      WEBMAIL_SIEVE_TLS: 'starttls',
      WEBMAIL_SIEVE_CA_FILE: caFile,
    },
  };
}

/**
 * Starts the private Dovecot + Postfix (or finds them running). Idempotent: a
 * healthy stack whose rendered configuration is unchanged is returned at once;
 * otherwise configs are (re)written and both daemons (re)started.
 */
export async function startMailStack(): Promise<MailStack> {
  const cfg = resolveConfig();
  if (process.getuid?.() !== 0) throw new Error('the mail stack must be started as root (Dovecot and Postfix drop privileges themselves)');
  const missing = ['/usr/sbin/dovecot', '/usr/bin/doveadm', '/usr/sbin/postfix', '/usr/lib/dovecot/lmtp', '/usr/lib/dovecot/managesieve', '/usr/lib/dovecot/modules/lib90_sieve_plugin.so', '/usr/bin/openssl'].filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`mail stack: ${missing.join(', ')} not found; install with: sh e2e/mailserver/install.sh`);
  const p = stackPaths(cfg);
  const mailUser = await ensureSystemUser(cfg.mailUser);
  await prepareRunDir(cfg, mailUser);
  return withLock(p.lockDir, 'start', async () => {
    const configs = renderConfigs(cfg, mailUser);
    const stack = describeStack(cfg);
    if (!configsDiffer(configs) && (await isHealthy(cfg))) return stack;
    await stopDaemons(cfg);
    writeConfigs(configs);
    await startDaemons(cfg);
    writeFileSync(p.stateFile, JSON.stringify(stack, null, 2) + '\n');
    return stack;
  });
}

/** Stops both daemons cleanly; a stack that is not running is not an error. */
export async function stopMailStack(): Promise<void> {
  const cfg = resolveConfig();
  await withLock(stackPaths(cfg).lockDir, 'start', () => stopDaemons(cfg));
}

/** The stack's description without starting anything (for tools that only read). */
export function currentStack(): MailStack {
  return describeStack(resolveConfig());
}

export async function mailStackStatus(): Promise<{ healthy: boolean; stack: MailStack }> {
  const cfg = resolveConfig();
  return { healthy: await isHealthy(cfg), stack: describeStack(cfg) };
}

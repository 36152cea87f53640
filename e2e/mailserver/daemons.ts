import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN, RELAY_HOST, renderTemplate, stackPaths, type StackConfig } from './config.js';
import { ensureCerts } from './certs.js';
import { run, runDaemonStarter, runOk } from './exec.js';
import { ensureDir, isAlive, portAnswers, readPid, tail, userIds, waitFor, type SystemUser } from './system.js';

const ROOT = { uid: 0, gid: 0 };

/** Creates the run directory tree with the owners each daemon expects. */
export async function prepareRunDir(cfg: StackConfig, mailUser: SystemUser): Promise<void> {
  const p = stackPaths(cfg);
  const postfix = userIds('postfix');
  ensureDir(cfg.runDir, ROOT, 0o755);
  ensureDir(cfg.socketDir, ROOT, 0o755);
  ensureDir(p.dovecotDir, ROOT, 0o755);
  ensureDir(join(p.dovecotDir, 'state'), ROOT, 0o755);
  ensureDir(p.postfixConfigDir, ROOT, 0o755);
  ensureDir(p.postfixQueueDir, ROOT, 0o755); // Postfix insists on a root-owned queue
  ensureDir(p.postfixDataDir, postfix, 0o700); // …and a data directory owned by mail_owner
  ensureDir(p.binDir, ROOT, 0o755);
  ensureDir(p.sinkDir, mailUser, 0o755);
  ensureDir(p.mailDir, mailUser, 0o755);
  // Homes are created on first use by Dovecot as the mail user (ManageSieve's storage, LMTP, IMAP):
  // a domain directory left to root by a seeder would refuse them.
  ensureDir(join(p.mailDir, DOMAIN), mailUser, 0o755);
  ensureDir(p.lockDir, ROOT, 0o777);
  ensureDir(p.usersDir, { uid: 0, gid: userIds('dovecot').gid }, 0o750);
  await ensureCerts(p.certDir);
}

/** Renders every config file in memory: comparing them with what is on disk tells whether a restart is due. */
export function renderConfigs(cfg: StackConfig, mailUser: SystemUser): Map<string, { text: string; mode: number }> {
  const p = stackPaths(cfg);
  const vars = {
    RUN_DIR: cfg.runDir,
    SOCKET_DIR: cfg.socketDir,
    POSTFIX_QUEUE_DIR: p.postfixQueueDir,
    INSTANCE: cfg.instance,
    MAIL_USER: mailUser.name,
    MAIL_UID: mailUser.uid,
    MAIL_GID: mailUser.gid,
    IMAPS_PORT: cfg.imapsPort,
    IMAP_STARTTLS_PORT: cfg.imapStarttlsPort,
    SUBMISSION_PORT: cfg.submissionPort,
    SMTP_INJECT_PORT: cfg.smtpInjectPort,
    SIEVE_PORT: cfg.sievePort,
    RELAY_HOST,
  };
  return new Map([
    [p.dovecotConf, { text: renderTemplate('dovecot.conf', vars), mode: 0o644 }],
    [join(p.postfixConfigDir, 'main.cf'), { text: renderTemplate('main.cf', vars), mode: 0o644 }],
    [join(p.postfixConfigDir, 'master.cf'), { text: renderTemplate('master.cf', vars), mode: 0o644 }],
    [join(p.binDir, 'sink.sh'), { text: renderTemplate('sink.sh', vars), mode: 0o755 }],
  ]);
}

export function configsDiffer(configs: Map<string, { text: string }>): boolean {
  for (const [path, { text }] of configs) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) return true;
  }
  return false;
}

export function writeConfigs(configs: Map<string, { text: string; mode: number }>): void {
  for (const [path, { text, mode }] of configs) {
    writeFileSync(path, text);
    chmodSync(path, mode);
  }
}

export async function isHealthy(cfg: StackConfig): Promise<boolean> {
  const p = stackPaths(cfg);
  if (!isAlive(readPid(p.dovecotPidFile)) || !isAlive(readPid(p.postfixPidFile))) return false;
  if (!existsSync(p.lmtpSocket) || !existsSync(p.authSocket)) return false;
  const ports = [cfg.imapsPort, cfg.imapStarttlsPort, cfg.submissionPort, cfg.smtpInjectPort, cfg.sievePort];
  const answers = await Promise.all([...ports.map((port) => portAnswers(port)), portAnswers(cfg.smtpInjectPort, RELAY_HOST)]);
  return answers.every(Boolean);
}

export async function startDaemons(cfg: StackConfig): Promise<void> {
  const p = stackPaths(cfg);
  const dovecot = await runDaemonStarter('dovecot', ['-c', p.dovecotConf], join(p.dovecotDir, 'start.out'));
  if (dovecot.code !== 0) throw new Error(`dovecot did not start: ${dovecot.stderr.trim()}\n${tail(p.dovecotLog)}`);
  // postfix prints its reasons only to a terminal or to maillog_file (see MAILSTACK-NOTES.md).
  const postfix = await runDaemonStarter('postfix', ['-c', p.postfixConfigDir, 'start'], join(p.postfixConfigDir, 'start.out'));
  if (postfix.code !== 0) {
    // Postfix writes its reason only to a terminal: ask `postfix check` again under script(1).
    const check = await run('timeout', ['20', 'script', '-qec', `postfix -c ${p.postfixConfigDir} check`, '/dev/null']);
    throw new Error(`postfix did not start (exit ${postfix.code}): ${postfix.stderr.trim()}\n${check.stdout.trim()}\n${tail(p.maillog)}`);
  }
  const diagnostics = () => `${tail(p.dovecotLog)}\n${tail(p.maillog)}`;
  await waitFor('the mail stack to answer', () => isHealthy(cfg), 30_000, diagnostics);
}

export async function stopDaemons(cfg: StackConfig): Promise<void> {
  const p = stackPaths(cfg);
  const postfixPid = readPid(p.postfixPidFile);
  if (isAlive(postfixPid) && existsSync(join(p.postfixConfigDir, 'main.cf'))) {
    await runDaemonStarter('postfix', ['-c', p.postfixConfigDir, 'stop'], join(p.postfixConfigDir, 'stop.out'));
  }
  const dovecotPid = readPid(p.dovecotPidFile);
  if (isAlive(dovecotPid) && existsSync(p.dovecotConf)) {
    await runDaemonStarter('dovecot', ['-c', p.dovecotConf, 'stop'], join(p.dovecotDir, 'stop.out'));
  }
  await waitFor('postfix and dovecot to exit', () => !isAlive(postfixPid) && !isAlive(dovecotPid), 20_000);
  // Dovecot's imap processes outlive the master and go on serving their open
  // connections; a stopped server must drop its clients, as a crash or reboot would.
  await run('pkill', ['-KILL', '-f', `^dovecot-${cfg.instance}/`]);
}

/** doveadm against this instance's config (never /etc/dovecot). */
export function doveadm(cfg: StackConfig, args: string[]): Promise<string> {
  return runOk('doveadm', ['-c', stackPaths(cfg).dovecotConf, ...args]);
}

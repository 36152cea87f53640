import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN, resolveConfig, stackPaths } from './config.js';
import { run, runOk, sleep } from './exec.js';
import type { MailStack } from './stack.js';
import { userIds } from './system.js';

export interface TestUser {
  address: string;
  password: string;
}

const LOCAL_PART = /^[a-z0-9][a-z0-9._+-]{0,63}$/;

async function sha512Crypt(password: string): Promise<string> {
  // openssl passwd -6 is crypt(3) SHA-512 ($6$), which Dovecot's SHA512-CRYPT verifies.
  const hash = (await runOk('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` })).trim();
  if (!hash.startsWith('$6$')) throw new Error(`unexpected openssl passwd output: ${hash}`);
  return hash;
}

/**
 * Creates (or, for an existing localPart, re-passwords) a mailbox user and
 * returns once Dovecot accepts the password. Each user has their own
 * passwd-file, so a new user is visible at once; a changed password of an
 * existing user can take up to a second, because Dovecot re-checks an open
 * passwd-file at most once per second — hence the verification loop.
 * Concurrent calls for the same localPart: the last rename wins.
 */
export async function createUser(stack: MailStack, opts: { localPart?: string; password?: string } = {}): Promise<TestUser> {
  const localPart = (opts.localPart ?? `t-${randomBytes(6).toString('hex')}`).toLowerCase();
  if (!LOCAL_PART.test(localPart)) throw new Error(`invalid local part ${JSON.stringify(localPart)}`);
  const password = opts.password ?? randomBytes(12).toString('base64url');
  if (/[:\n]/.test(password)) throw new Error('password may not contain ":" or a newline (passwd-file syntax)');
  const address = `${localPart}@${DOMAIN}`;
  const hash = await sha512Crypt(password);
  const cfg = resolveConfig({ ...process.env, MAILSTACK_DIR: stack.runDir });
  const p = stackPaths(cfg);
  const dovecotGid = userIds('dovecot').gid;
  const domainDir = join(p.usersDir, DOMAIN);
  mkdirSync(domainDir, { recursive: true, mode: 0o750 });
  chownSync(domainDir, 0, dovecotGid);
  // user:password:uid:gid:gecos:home:shell:extra — uid/gid/home come from userdb default_fields.
  const file = join(domainDir, `${localPart}.passwd`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${address}:{SHA512-CRYPT}${hash}::::::\n`, { mode: 0o640 }); // hashes: not world-readable
  chownSync(tmp, 0, dovecotGid);
  // Dovecot notices a changed passwd-file by mtime or size, not inode; a new
  // hash has the same length, so make sure the mtime moves (whole seconds).
  if (existsSync(file)) {
    const mtime = Math.max(Math.floor(Date.now() / 1000), Math.floor(statSync(file).mtimeMs / 1000) + 1);
    utimesSync(tmp, mtime, mtime);
  }
  renameSync(tmp, file);
  await waitUntilAccepted(p.dovecotConf, address, password);
  return { address, password };
}

async function waitUntilAccepted(dovecotConf: string, address: string, password: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const r = await run('doveadm', ['-c', dovecotConf, 'auth', 'test', '--', address, password]);
    if (r.code === 0) return;
    if (Date.now() > deadline) throw new Error(`Dovecot does not accept the new password of ${address}: ${(r.stderr || r.stdout).trim()}`);
    await sleep(1000 - (Date.now() % 1000) + 20); // next second: Dovecot's passwd-file stat check runs again
  }
}

/** Home directory of a user of the stack (maildir is `<home>/Maildir`). */
export function userHome(stack: MailStack, address: string): string {
  const [local, domain] = address.toLowerCase().split('@');
  if (!local || !domain) throw new Error(`not an address: ${address}`);
  return join(stack.runDir, 'mail', domain, local);
}

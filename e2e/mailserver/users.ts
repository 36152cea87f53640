import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN, resolveConfig, stackPaths } from './config.js';
import { runOk } from './exec.js';
import { withLock } from './lock.js';
import type { MailStack } from './stack.js';
import { userIds } from './system.js';

export interface TestUser {
  address: string;
  password: string;
}

const LOCAL_PART = /^[a-z0-9][a-z0-9._+-]{0,63}$/;

/** The passwd-file is readable by Dovecot's auth process, not by everyone: it holds hashes. */
export function ensurePasswdFile(passwdFile: string): void {
  if (existsSync(passwdFile)) return;
  writeFileSync(passwdFile, '', { mode: 0o640 });
  chownSync(passwdFile, 0, userIds('dovecot').gid);
}

async function sha512Crypt(password: string): Promise<string> {
  // openssl passwd -6 is crypt(3) SHA-512 ($6$), which Dovecot's SHA512-CRYPT verifies.
  const hash = (await runOk('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` })).trim();
  if (!hash.startsWith('$6$')) throw new Error(`unexpected openssl passwd output: ${hash}`);
  return hash;
}

/**
 * Creates (or, for an existing localPart, re-passwords) a mailbox user.
 * Dovecot re-reads a passwd-file when its mtime or size changes; an updated
 * password of the same length written within the same second would go
 * unnoticed, so the mtime is pushed strictly forward on every write.
 */
export async function createUser(stack: MailStack, opts: { localPart?: string; password?: string } = {}): Promise<TestUser> {
  const localPart = (opts.localPart ?? `t-${randomBytes(6).toString('hex')}`).toLowerCase();
  if (!LOCAL_PART.test(localPart)) throw new Error(`invalid local part ${JSON.stringify(localPart)}`);
  const password = opts.password ?? randomBytes(12).toString('base64url');
  if (/[:\n]/.test(password)) throw new Error('password may not contain ":" or a newline (passwd-file syntax)');
  const address = `${localPart}@${DOMAIN}`;
  const hash = await sha512Crypt(password);
  const p = stackPaths(resolveConfig({ ...process.env, MAILSTACK_DIR: stack.runDir }));
  await withLock(p.lockDir, 'passwd', async () => {
    ensurePasswdFile(p.passwdFile);
    const before = statSync(p.passwdFile);
    const lines = readFileSync(p.passwdFile, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith(`${address}:`));
    // user:password:uid:gid:gecos:home:shell:extra — uid/gid/home come from userdb default_fields.
    lines.push(`${address}:{SHA512-CRYPT}${hash}::::::`);
    const tmp = `${p.passwdFile}.tmp`;
    writeFileSync(tmp, lines.join('\n') + '\n', { mode: 0o640 });
    chownSync(tmp, 0, before.gid);
    const mtime = Math.max(Math.floor(Date.now() / 1000), Math.floor(before.mtimeMs / 1000) + 1);
    utimesSync(tmp, mtime, mtime);
    renameSync(tmp, p.passwdFile);
  });
  return { address, password };
}

/** Home directory of a user of the stack (maildir is `<home>/Maildir`). */
export function userHome(stack: MailStack, address: string): string {
  const [local, domain] = address.toLowerCase().split('@');
  if (!local || !domain) throw new Error(`not an address: ${address}`);
  return join(stack.runDir, 'mail', domain, local);
}

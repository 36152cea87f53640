import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { runOk, sleep } from './exec.js';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

function lookupPasswd(name: string): SystemUser | undefined {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f[2] !== undefined && f[3] !== undefined) return { name, uid: Number(f[2]), gid: Number(f[3]) };
  }
  return undefined;
}

/** The unprivileged owner of all mail files: Dovecot will not deliver or read mail as root. */
export async function ensureSystemUser(name: string): Promise<SystemUser> {
  const found = lookupPasswd(name);
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error(`system user ${name} is missing and only root can create it`);
  await runOk('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]);
  const created = lookupPasswd(name);
  if (!created) throw new Error(`useradd ${name} succeeded but the user is not in /etc/passwd`);
  return created;
}

export function userIds(name: string): SystemUser {
  const u = lookupPasswd(name);
  if (!u) throw new Error(`system user ${name} does not exist`);
  return u;
}

/** mkdir -p with an owner and mode, correcting both when the directory already exists. */
export function ensureDir(path: string, owner: { uid: number; gid: number }, mode: number): void {
  mkdirSync(path, { recursive: true, mode });
  const st = statSync(path);
  if (st.uid !== owner.uid || st.gid !== owner.gid) chownSync(path, owner.uid, owner.gid);
  if ((st.mode & 0o7777) !== mode) chmodSync(path, mode);
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves true once a TCP connect to host:port (127.0.0.1 unless told) succeeds. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, onTimeout?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${onTimeout ? `\n${onTimeout()}` : ''}`);
    await sleep(50);
  }
}

/** Last lines of a log file, for error messages. */
export function tail(path: string, lines = 20): string {
  if (!existsSync(path)) return `(${path} does not exist)`;
  return `--- ${path} ---\n` + readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
}

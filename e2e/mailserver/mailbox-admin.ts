import { dirname } from 'node:path';
import { resolveConfig, stackPaths, type StackConfig } from './config.js';
import { doveadm } from './daemons.js';
import { run } from './exec.js';
import type { MailStack } from './stack.js';
import { ensureDir, userIds } from './system.js';
import { userHome } from './users.js';
import { chownTree } from './maildir.js';

export function stackConfig(stack: MailStack): StackConfig {
  return resolveConfig({ ...process.env, MAILSTACK_DIR: stack.runDir });
}

export function lockDirOf(stack: MailStack): string {
  return stackPaths(stackConfig(stack)).lockDir;
}

/** Messages in a folder as Dovecot counts them (syncing the maildir first); 0 if it does not exist. */
export async function folderMessageCount(stack: MailStack, address: string, folder: string): Promise<number> {
  const cfg = stackConfig(stack);
  const r = await run('doveadm', ['-c', stackPaths(cfg).dovecotConf, 'mailbox', 'status', '-u', address, 'messages', folder]);
  if (r.code !== 0) return 0;
  const m = /messages=(\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : 0;
}

/** Creates the user's home (and domain directory) owned by the mail user. */
export function ensureHome(stack: MailStack, address: string): string {
  const home = userHome(stack, address);
  const owner = userIds(stackConfig(stack).mailUser);
  ensureDir(dirname(home), owner, 0o755);
  ensureDir(home, owner, 0o700);
  return home;
}

/** After writing files directly: give them to the mail user, let Dovecot index them, subscribe. */
export async function finishDirectWrites(stack: MailStack, address: string, home: string, folders: string[], subscribe: string[]): Promise<void> {
  const cfg = stackConfig(stack);
  const owner = userIds(cfg.mailUser);
  await chownTree(home, owner.uid, owner.gid);
  for (const f of folders) await doveadm(cfg, ['index', '-u', address, f]);
  if (subscribe.length) await doveadm(cfg, ['mailbox', 'subscribe', '-u', address, ...subscribe]);
}

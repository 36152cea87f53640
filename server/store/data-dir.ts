import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The data directory cannot be used: the message names it and says what to do. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** Directories claimed by this process (a second start() in one process is refused too). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the data directory for this process (issue 12): it must be writable,
 * and only one process may use it. Two processes on one SQLite file would
 * each run the outbox and send every waiting message twice, and each would
 * hold sessions the other cannot see. The lock file holds the owner's pid; a
 * lock left by a process that died is taken over.
 */
export function claimDataDir(dir: string): { release(): void } {
  const resolved = path.resolve(dir);
  try {
    mkdirSync(resolved, { recursive: true, mode: 0o700 });
    // Root passes every permission check, so only an actual write proves the directory is usable.
    const probe = path.join(resolved, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new DataDirError(`The data directory ${resolved} cannot be written (${reason}). Make it writable by the webmail's user, or set WEBMAIL_DATA_DIR to one that is.`);
  }

  const lockFile = path.join(resolved, 'webmail.lock');
  const refuse = (pid: number) =>
    new DataDirError(`Another webmail process (pid ${pid}) is using the data directory ${resolved}. Stop it first, or give this one its own WEBMAIL_DATA_DIR.`);
  if (held.has(resolved)) throw refuse(process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw refuse(pid);
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  held.add(resolved);
  return {
    release() {
      if (!held.delete(resolved)) return;
      rmSync(lockFile, { force: true });
    },
  };
}

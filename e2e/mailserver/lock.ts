import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './system.js';
import { sleep } from './exec.js';

/**
 * A cross-process lock (mkdir is atomic): vitest's globalSetup, the CLI and
 * test workers may all start the stack or edit the passwd-file at once.
 * A lock whose holder process died is broken.
 */
export async function withLock<T>(lockDir: string, name: string, fn: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  mkdirSync(lockDir, { recursive: true });
  const path = join(lockDir, `${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStale(path)) {
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`could not take lock ${path} within ${timeoutMs} ms`, { cause: err });
      await sleep(25);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

function isStale(path: string): boolean {
  try {
    const pid = Number(readFileSync(join(path, 'pid'), 'utf8'));
    return !isAlive(pid);
  } catch {
    // Holder has made the directory but not yet written its pid: stale only if old.
    try {
      return Date.now() - statSync(path).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
}

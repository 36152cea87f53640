import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDataDir, DataDirError } from './data-dir.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'data-dir-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('claiming the data directory', () => {
  it('creates it, holds a lock with our pid, and releases it', () => {
    const dir = path.join(root, 'data');
    const claim = claimDataDir(dir);
    expect(readFileSync(path.join(dir, 'webmail.lock'), 'utf8').trim()).toBe(String(process.pid));
    claim.release();
    expect(existsSync(path.join(dir, 'webmail.lock'))).toBe(false);
    claimDataDir(dir).release(); // claimable again
  });

  it('a directory that cannot be written stops the start with a sentence naming it', () => {
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, '');
    const dir = path.join(blocker, 'data');
    expect(() => claimDataDir(dir)).toThrow(DataDirError);
    expect(() => claimDataDir(dir)).toThrow(`The data directory ${dir} cannot be written`);
  });

  it('a second claim while the first holds it is refused, in this process or another live one', async () => {
    const dir = path.join(root, 'data');
    const claim = claimDataDir(dir);
    expect(() => claimDataDir(dir)).toThrow(/Another webmail process \(pid \d+\) is using the data directory/);
    claim.release();

    // A lock held by another live process.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, 'webmail.lock'), `${other.pid}\n`);
      expect(() => claimDataDir(dir)).toThrow(`Another webmail process (pid ${other.pid})`);
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));
    // Its process gone, the lock is stale and taken over.
    claimDataDir(dir).release();
  });
});

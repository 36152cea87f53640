import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell) and collects its output; never throws on exit code. */
export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // A program that exits before reading its input makes the write fail with EPIPE;
    // its exit code already tells what happened, so the failed write is not an error of ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Like run(), but a non-zero exit becomes an Error carrying the command's stderr. */
export async function runOk(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${(r.stderr || r.stdout).trim()}`);
  }
  return r.stdout;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a command that daemonizes (dovecot, postfix start). Its stdout/stderr go
 * to a file, not a pipe: a daemon that keeps the inherited descriptors open
 * would otherwise keep a pipe — and this call — open forever.
 */
export function runDaemonStarter(cmd: string, args: string[], outFile: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const fd = openSync(outFile, 'w');
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.on('error', reject);
    child.on('exit', (code) => {
      const out = readFileSync(outFile, 'utf8');
      resolve({ code: code ?? -1, stdout: out, stderr: out });
    });
  });
}

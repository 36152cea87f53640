import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './exec.js';
import { doveadm } from './daemons.js';
import { stackPaths } from './config.js';
import { stackConfig } from './mailbox-admin.js';
import type { MailStack } from './stack.js';

export interface SinkMessage {
  file: string;
  /** The envelope recipient Postfix handed to the sink. */
  recipient: string;
  raw: string;
}

/** Everything Postfix routed to the sink (any domain but example.test), oldest first. */
export function readSink(stack: MailStack): SinkMessage[] {
  const dir = join(stack.runDir, 'sink');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(dir, f), 'utf8');
      return { file: join(dir, f), recipient: /^X-Mailstack-Sink-Recipient: (.*)$/m.exec(raw)?.[1] ?? '', raw };
    });
}

/**
 * Waits until a message whose Subject contains `subject` is in `folder`
 * (delivery through Postfix and LMTP is asynchronous) and returns its UIDs.
 * Uses doveadm, so it opens no IMAP session that could disturb a test's own.
 */
export async function waitForMessage(stack: MailStack, address: string, subject: string, opts: { folder?: string; timeoutMs?: number } = {}): Promise<number[]> {
  const folder = opts.folder ?? 'INBOX';
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const out = await doveadm(stackConfig(stack), ['search', '-u', address, 'mailbox', folder, 'subject', subject]).catch(() => '');
    // Each line: "<mailbox-guid> <uid>"
    const uids = out.split('\n').filter(Boolean).map((l) => Number(l.split(' ')[1]));
    if (uids.length) return uids;
    if (Date.now() > deadline) throw new Error(`no message with subject "${subject}" reached ${folder} of ${address}`);
    await sleep(150);
  }
}

/**
 * Dovecot's log as written so far (log_path in the template). Its login lines
 * carry rip= and session=, which the admin's fail2ban reads.
 */
export function readDovecotLog(stack: MailStack): string {
  const file = stackPaths(stackConfig(stack)).dovecotLog;
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

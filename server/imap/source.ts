import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ImapFlow } from 'imapflow';
import { AppError } from '../errors.js';
import type { MailSession } from './session.js';

/**
 * Streams one whole message (its RFC 822 source) to a file, for "forward as
 * attachment" and for reopening a draft; the mailbox lock is held only while
 * the bytes flow. Returns the size in bytes.
 */
export async function downloadSource(session: MailSession, mailbox: string, uid: number, file: string, maxBytes: number): Promise<number> {
  return session.withMailbox(
    mailbox,
    async ({ client }) => {
      const { content, meta } = await client.download(String(uid), undefined, { uid: true });
      if (!content) throw new AppError('MESSAGE_NOT_FOUND', `No message ${uid} in ${JSON.stringify(mailbox)}.`);
      if (meta?.expectedSize && meta.expectedSize > maxBytes) {
        content.destroy();
        throw new AppError('MESSAGE_TOO_LARGE', 'The original message is too large to attach.');
      }
      let bytes = 0;
      content.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      await pipeline(content, createWriteStream(file, { mode: 0o600 }));
      return bytes;
    },
    { readOnly: true },
  );
}

/** The raw header lines named (for References, which the envelope does not carry), unfolded. */
export async function fetchHeaderFields(session: MailSession, mailbox: string, uid: number, names: string[]): Promise<Map<string, string>> {
  return session.withMailbox(
    mailbox,
    async ({ client }) => {
      const msg = await client.fetchOne(String(uid), { uid: true, headers: names }, { uid: true });
      if (!msg) throw new AppError('MESSAGE_NOT_FOUND', `No message ${uid} in ${JSON.stringify(mailbox)}.`);
      return parseHeaderLines(msg.headers?.toString('utf8') ?? '');
    },
    { readOnly: true },
  );
}

export function parseHeaderLines(block: string): Map<string, string> {
  const out = new Map<string, string>();
  // Unfold (RFC 5322 §2.2.3), then one "Name: value" per line; a repeated field keeps the first.
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (m && !out.has(m[1]!.toLowerCase())) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

/** Runs `fn` on a connection of its own (the outbox sends after the user may have logged out). */
export async function withShortConnection<T>(connect: () => Promise<ImapFlow>, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

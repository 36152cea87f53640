import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';

/** An unconnected imapflow client for `user` on the stack's IMAPS port, verifying its certificate. */
export function probeClient(env: Record<string, string>, user: { address: string; password: string }): ImapFlow {
  const client = new ImapFlow({
    host: env.WEBMAIL_IMAP_HOST!,
    port: Number(env.WEBMAIL_IMAP_PORT),
    secure: true,
    auth: { user: user.address, pass: user.password },
    tls: { ca: readFileSync(env.WEBMAIL_IMAP_CA_FILE!) },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  return client;
}

/**
 * An independent IMAP connection for tests: it checks what the webmail did
 * from outside, the way another mail client (Thunderbird on the same account)
 * would see it.
 */
export async function openProbe(env: Record<string, string>, user: { address: string; password: string }): Promise<ImapFlow> {
  const client = probeClient(env, user);
  await client.connect();
  return client;
}

/** Appends raw messages to a mailbox; returns their UIDs in order. */
export async function appendAll(client: ImapFlow, mailbox: string, raws: Array<string | Buffer>, flags: string[] = []): Promise<number[]> {
  const uids: number[] = [];
  for (const raw of raws) {
    const res = await client.append(mailbox, raw, flags);
    if (!res || !res.uid) throw new Error('APPEND gave no UID (UIDPLUS missing?)');
    uids.push(res.uid);
  }
  return uids;
}

export async function flagsOf(client: ImapFlow, mailbox: string, uid: number): Promise<string[] | null> {
  const lock = await client.getMailboxLock(mailbox);
  try {
    await client.noop(); // a sync point: see other sessions' changes (RFC 3501 §5.2)
    const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true });
    return msg ? [...(msg.flags ?? [])].sort() : null;
  } finally {
    lock.release();
  }
}

export async function uidsOf(client: ImapFlow, mailbox: string): Promise<number[]> {
  const lock = await client.getMailboxLock(mailbox);
  try {
    await client.noop();
    return (await client.search({ all: true }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

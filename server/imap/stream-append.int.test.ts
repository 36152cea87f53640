import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser } from '../../e2e/mailserver/mailstack.js';
import { flagsOf, openProbe, uidsOf } from '../../e2e/support/imap-probe.js';
import { freePort } from '../../e2e/support/webmail.js';
import type { Config } from '../config/config.js';
import { streamAppend } from './stream-append.js';

const stack = inject('mailstack');
const imap: Config['imap'] = { host: stack.env.WEBMAIL_IMAP_HOST!, port: stack.imapsPort, security: 'tls', caFile: stack.caFile };
let user: { address: string; password: string };
let auth: { user: string; pass: string };
let probe: ImapFlow;
let dir: string;

beforeAll(async () => {
  user = await createUser(stack);
  auth = { user: user.address, pass: user.password };
  probe = await openProbe(stack.env, user);
  dir = mkdtempSync(path.join(tmpdir(), 'stream-append-'));
});

afterAll(async () => {
  await probe?.logout();
  rmSync(dir, { recursive: true, force: true });
});

/** A message file of about `bytes`: headers, then base64 lines of random data (what a big attachment looks like). */
function messageFile(name: string, subject: string, bytes: number): string {
  const head = `From: a@example.test\r\nTo: b@example.test\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n`;
  const body = randomBytes(Math.floor((bytes * 57) / 78)).toString('base64').replace(/.{76}/g, '$&\r\n');
  const file = path.join(dir, name);
  writeFileSync(file, head + body + '\r\n');
  return file;
}

/** SHA-256 of a stored message's source, streamed from the server the way another client would fetch it. */
async function sourceHash(mailbox: string, uid: number): Promise<string> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    const { content } = await probe.download(String(uid), undefined, { uid: true });
    if (!content) throw new Error(`no message ${uid} in ${mailbox}`);
    const hash = createHash('sha256');
    for await (const chunk of content) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    lock.release();
  }
}

/** Flags as stored; \Recent only says which session saw the message first (RFC 3501 §2.3.2). */
const storedFlags = async (mailbox: string, uid: number) => (await flagsOf(probe, mailbox, uid))?.filter((f) => f !== '\\Recent');
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');

describe('streamAppend against Dovecot', () => {
  it('stores a 30 MB file byte for byte, with the header prefix, the flags and the APPENDUID the server assigned', async () => {
    const file = messageFile('big.eml', 'Thirty megabytes', 30 * 1000 * 1000);
    const prefix = 'X-Webmail-Draft-Id: stream-append-test\r\nBcc: hidden@example.test\r\n';
    const { path: box } = await probe.mailboxCreate(`Big ${randomBytes(3).toString('hex')}`);
    const copy = await streamAppend(imap, auth, { mailbox: box, path: file, flags: ['\\Draft', '\\Seen'], prefix });
    expect(copy.mailbox).toBe(box);
    expect(await uidsOf(probe, box)).toEqual([copy.uid]);
    const status = await probe.status(box, { uidValidity: true });
    expect(copy.uidValidity).toBe(String(status && status.uidValidity));
    expect(await storedFlags(box, copy.uid)).toEqual(['\\Draft', '\\Seen']);
    expect(await sourceHash(box, copy.uid)).toBe(sha256(Buffer.from(prefix), readFileSync(file)));
  }, 120_000);

  it('encodes a non-ASCII mailbox name in modified UTF-7 (RFC 3501 §5.1.3), "&" included', async () => {
    const { path: box } = await probe.mailboxCreate(['Entwürfe', `Ärger & Co ${randomBytes(2).toString('hex')}`]);
    const file = messageFile('umlaut.eml', 'Umlaut', 2000);
    const copy = await streamAppend(imap, auth, { mailbox: box, path: file, flags: [] });
    expect(copy.mailbox).toBe(box);
    expect(await uidsOf(probe, box)).toEqual([copy.uid]);
    expect(await sourceHash(box, copy.uid)).toBe(sha256(readFileSync(file)));
  });

  it('works over STARTTLS on the plain port', async () => {
    const file = messageFile('starttls.eml', 'Over STARTTLS', 300_000);
    const copy = await streamAppend({ ...imap, port: stack.imapStarttlsPort, security: 'starttls' }, auth, { mailbox: 'INBOX', path: file, flags: ['\\Seen'] });
    expect(await storedFlags('INBOX', copy.uid)).toEqual(['\\Seen']);
  });

  it('a mailbox that does not exist is MAILBOX_NOT_FOUND (TRYCREATE), and nothing is created', async () => {
    const file = messageFile('nowhere.eml', 'Nowhere', 1000);
    const name = `Missing ${randomBytes(3).toString('hex')}`;
    await expect(streamAppend(imap, auth, { mailbox: name, path: file, flags: [] })).rejects.toMatchObject({ code: 'MAILBOX_NOT_FOUND' });
    expect((await probe.list()).map((m) => m.path)).not.toContain(name);
  });

  it('a wrong password is AUTH_FAILED', async () => {
    const file = messageFile('auth.eml', 'Auth', 1000);
    await expect(streamAppend(imap, { ...auth, pass: 'not the password' }, { mailbox: 'INBOX', path: file, flags: [] })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
    });
  });

  it('a closed port, or a certificate the CA file does not vouch for, is IMAP_UNAVAILABLE', async () => {
    const file = messageFile('down.eml', 'Down', 1000);
    const req = { mailbox: 'INBOX', path: file, flags: [] };
    await expect(streamAppend({ ...imap, port: await freePort() }, auth, req)).rejects.toMatchObject({ code: 'IMAP_UNAVAILABLE' });
    // A CA that signed nothing of the server's: the handshake must fail, never fall back.
    const stranger = await generate([{ name: 'commonName', value: 'Unrelated CA' }], { keySize: 2048, algorithm: 'sha256' });
    const strangerFile = path.join(mkdtempSync(path.join(tmpdir(), 'ca-')), 'stranger.pem');
    writeFileSync(strangerFile, stranger.cert);
    await expect(streamAppend({ ...imap, caFile: strangerFile }, auth, req)).rejects.toMatchObject({ code: 'IMAP_UNAVAILABLE' });
  });
});

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { toAppError } from './errors.js';
import type { ImapCredentials } from './connect.js';
import { astring, ImapLineClient, LINE, type Literal } from './line-client.js';
import { noUidPlus, type StoredCopy } from './stored-copy.js';

// APPEND of a message file, streamed from disk into the socket with backpressure (imapflow takes a
// literal as one Buffer and copies it several times: README "Benchmark: sending"), on a connection
// of its own (line-client.ts). TLS policy is the one of net/tls-policy.ts, as for imapflow (STYLE.md §3).

export interface AppendRequest {
  mailbox: string;
  path: string;
  flags: string[];
  /** CRLF-ended header lines put before the file */
  prefix?: string;
}

/** Mailbox names travel in modified UTF-7 (RFC 3501 §5.1.3), encoded as imapflow does (iconv-lite's utf-7-imap). */
function mailboxName(name: string): string | Literal {
  // eslint-disable-next-line no-control-regex -- control characters in a mailbox name force the UTF-7 encoded form
  return astring(/[&\x00-\x1f\u0080-\uffff]/.test(name) ? iconv.encode(name, 'utf-7-imap').toString('latin1') : name);
}

/** Flags are atoms, optionally with a backslash (RFC 3501 §9 flag-keyword, flag-extension). */
function flagList(flags: string[]): string {
  // ATOM-CHAR: printable ASCII but ( ) { % * " \ ]
  if (!flags.every((f) => /^\\?[!#$&'+-\x5b^-z|}~]+$/.test(f))) throw new AppError('IMAP_ERROR', 'A flag is not a valid IMAP atom.');
  return `(${flags.join(' ')})`;
}

/** APPEND (RFC 3501 §6.3.11) of `prefix` + the file's first `fileSize` bytes; the answer's APPENDUID names the copy. */
async function append(client: ImapLineClient, req: AppendRequest, fileSize: number): Promise<StoredCopy> {
  const prefix = Buffer.from(req.prefix ?? '', 'utf8');
  const size = prefix.length + fileSize;
  const limit = Number([...client.caps].find((c) => c.startsWith('APPENDLIMIT='))?.slice(12) ?? Infinity); // RFC 7889
  if (size > limit) throw new AppError('MESSAGE_TOO_LARGE', 'The mail server does not store messages this large.');
  const literal: Literal = {
    size,
    send: async (link) => {
      if (prefix.length) link.write(prefix);
      if (fileSize === 0) return;
      // Never more than announced, whatever happens to the file meanwhile: extra bytes would be read as commands.
      const file = createReadStream(req.path, { end: fileSize - 1 });
      await link.send(file).finally(() => file.destroy());
      // Without `end`, the pipeline settles quietly when the socket closes early; streamAppend's catch tells why.
      if (file.bytesRead !== fileSize) throw new Error('the message file was not sent whole');
    },
  };
  const res = await client.command(['APPEND ', mailboxName(req.mailbox), ` ${flagList(req.flags)} `, literal], LINE.idleMs);
  if (res.status !== 'OK') throw toAppError({ serverResponseCode: res.name, mailboxMissing: res.name === 'TRYCREATE' }, { mailbox: req.mailbox });
  // APPENDUID <uidvalidity> <uid> (UIDPLUS, RFC 4315 §3).
  const uid = /^APPENDUID (\d+) (\d+)$/i.exec(res.code);
  if (!uid) throw noUidPlus();
  return { mailbox: req.mailbox, uid: Number(uid[2]), uidValidity: uid[1]! };
}

/** Opens a connection of its own, logs in as `auth`, APPENDs the file to `req.mailbox`, logs out. */
export async function streamAppend(imap: Config['imap'], auth: ImapCredentials, req: AppendRequest): Promise<StoredCopy> {
  const { size } = await stat(req.path);
  const security = imap.security === 'tls' ? 'implicit' : 'starttls';
  const client = await ImapLineClient.open({ host: imap.host, port: imap.port, security, caFile: imap.caFile }, auth);
  let copy: StoredCopy;
  try {
    copy = await append(client, req, size);
  } catch (err) {
    throw client.fail(err, { mailbox: req.mailbox });
  }
  await client.logout(); // the copy is stored either way
  return copy;
}

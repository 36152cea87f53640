import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './exec.js';

/** One message to place straight into a maildir. */
export interface MaildirMessage {
  raw: Buffer | string;
  /** Becomes the file's mtime, which Dovecot's maildir uses as INTERNALDATE. */
  internalDate: Date;
  /** Maildir info flags: D draft, F flagged, R answered, S seen, T deleted. */
  flags?: string;
}

/** The Maildir++ directory of an IMAP folder ("/" separator in IMAP, "." on disk). */
export function folderDir(home: string, folder: string): string {
  if (folder.toUpperCase() === 'INBOX') return join(home, 'Maildir');
  if (!/^[A-Za-z0-9 _-]+(\/[A-Za-z0-9 _-]+)*$/.test(folder)) {
    // Anything else would need modified UTF-7 and escaping on disk; the seeders do not need it.
    throw new Error(`folder name ${JSON.stringify(folder)} is not supported by the maildir writer`);
  }
  return join(home, 'Maildir', `.${folder.replace(/\//g, '.')}`);
}

export function ensureMaildirFolder(home: string, folder: string): string {
  const dir = folderDir(home, folder);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  if (folder.toUpperCase() !== 'INBOX' && !existsSync(join(dir, 'maildirfolder'))) writeFileSync(join(dir, 'maildirfolder'), '');
  return dir;
}

export function countMaildirFiles(dir: string): number {
  let n = 0;
  for (const sub of ['cur', 'new']) {
    const p = join(dir, sub);
    if (existsSync(p)) n += readdirSync(p).length;
  }
  return n;
}

/** RFC 822 size with CRLF line ends, as Dovecot reports it (the W= part of the name). */
function virtualSize(buf: Buffer): number {
  let lf = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0x0a && (i === 0 || buf[i - 1] !== 0x0d)) lf++;
  return buf.length + lf;
}

let uniq = 0;

/**
 * Writes messages into `dir/cur` with names Dovecot understands without
 * opening the files: TIME.UNIQUE.HOST,S=SIZE,W=VSIZE:2,FLAGS. The caller
 * chowns the tree to the mail user and runs `doveadm index` afterwards.
 */
export function writeMaildirMessages(dir: string, messages: Iterable<MaildirMessage>): number {
  const cur = join(dir, 'cur');
  let n = 0;
  for (const m of messages) {
    const buf = typeof m.raw === 'string' ? Buffer.from(m.raw, 'utf8') : m.raw;
    const t = m.internalDate.getTime();
    const sec = Math.floor(t / 1000);
    const flags = [...new Set(m.flags ?? '')].sort().join(''); // maildir wants flags in ASCII order
    const name = `${sec}.M${(t % 1000) * 1000}P${process.pid}Q${++uniq}.mailstack,S=${buf.length},W=${virtualSize(buf)}:2,${flags}`;
    const path = join(cur, name);
    writeFileSync(path, buf);
    utimesSync(path, m.internalDate, m.internalDate);
    n++;
  }
  return n;
}

/** All mail files belong to the mail user, or Dovecot cannot update them. */
export async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await runOk('chown', ['-R', `${uid}:${gid}`, path]);
}

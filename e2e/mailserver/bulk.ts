import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { prng } from './fixtures.js';
import { withLock } from './lock.js';
import { ensureMaildirFolder, folderDir, writeMaildirMessages, type MaildirMessage } from './maildir.js';
import { ensureHome, finishDirectWrites, folderMessageCount, lockDirOf } from './mailbox-admin.js';
import { base64Lines, encodeWord, rfc5322Date } from './mime.js';
import { SEEDED } from './seeded.js';
import type { MailStack } from './stack.js';

const FIRST = ['Ana', 'Ben', 'Chloé', 'David', 'Emma', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Lars', 'Mia', 'Noah', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wei', 'Yara', 'Zoë'];
const LAST = ['Lima', 'Ortiz', 'Martin', 'Kowalski', 'Schmidt', 'Haddad', 'Nilsson', 'Tanaka', 'García', 'Becker', 'Iyer', 'Berg', 'Rossi', 'Dubois', 'Ivanova'];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.de', 'corp.example.fr'];
const WORDS = 'report budget meeting release invoice schedule draft review update migration server client design roadmap contract offer travel lunch backup deadline feedback survey ticket incident launch training quarterly weekly'.split(' ');
const SUBJECT_PREFIX = ['', '', '', 'Re: ', 'Fwd: ', 'Re: Re: '];
const BODY = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.'.split(' ');
const ATTACHMENT = base64Lines(Buffer.from('Quarterly figures\n'.repeat(40)));

/**
 * The random choices of message #i, drawn in a fixed order from its own seed,
 * so a test can learn one of them (the parent) without writing the message.
 */
function bulkDraws(i: number) {
  const rand = prng(i * 2654435761 + 17);
  const r = (n: number) => Math.floor(rand() * n);
  const first = FIRST[r(FIRST.length)] ?? 'Ana';
  const last = LAST[r(LAST.length)] ?? 'Lima';
  const domain = DOMAINS[r(DOMAINS.length)];
  const jitter = r(3_600_000);
  const subject = `${SUBJECT_PREFIX[r(SUBJECT_PREFIX.length)]}${WORDS[r(WORDS.length)]} ${WORDS[r(WORDS.length)]} #${i + 1}`;
  const zone = [0, 60, 120, -300, 540][r(5)] ?? 0;
  // Every tenth message answers one of the previous fifty: threads for SORT/THREAD.
  const parent = i > 0 && i % 10 === 0 ? Math.max(0, i - 1 - r(50)) : null;
  return { r, first, last, domain, jitter, subject, zone, parent };
}

/** The index of the message that bulk message #i answers (its In-Reply-To and References), or null. */
export function bulkParentIndex(i: number): number | null {
  return bulkDraws(i).parent;
}

/** The Message-ID bulk message #i of `folder` carries. */
export function bulkMessageId(folder: string, i: number): string {
  return `<bulk-${i + 1}.${folder.toLowerCase()}@example.test>`;
}

/** Deterministic message #i of a bulk folder; dates rise with i across five years. */
function bulkMessage(address: string, folder: string, i: number, count: number): MaildirMessage {
  const { r, first, last, domain, jitter, subject, zone, parent } = bulkDraws(i);
  const from = `${first.normalize('NFD').replace(/\P{ASCII}/gu, '').toLowerCase()}.${last.normalize('NFD').replace(/\P{ASCII}/gu, '').toLowerCase()}@${domain}`;
  const start = SEEDED.firstDate.getTime();
  const span = SEEDED.lastDate.getTime() - start;
  const date = new Date(start + Math.floor((span * i) / Math.max(1, count)) + jitter);
  const headers = [
    `From: ${encodeWord(`${first} ${last}`)} <${from}>`,
    `To: ${address}`,
    `Subject: ${subject}`,
    `Date: ${rfc5322Date(date, zone)}`,
    `Message-ID: ${bulkMessageId(folder, i)}`,
  ];
  if (parent !== null) headers.push(`In-Reply-To: ${bulkMessageId(folder, parent)}`, `References: ${bulkMessageId(folder, parent)}`);
  const lines = Array.from({ length: 3 + r(8) }, () => Array.from({ length: 8 + r(6) }, () => BODY[r(BODY.length)]).join(' '));
  const text = `Hello,\n\n${lines.join('\n')}\n\n-- \n${first} ${last}\n`;
  let raw: string;
  if (i % 500 === 7) {
    raw = `${headers.join('\n')}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\nContent-Type: text/plain; charset=utf-8\n\n${text}\n--b${i}\nContent-Type: text/plain; name="figures-${i + 1}.txt"\nContent-Disposition: attachment; filename="figures-${i + 1}.txt"\nContent-Transfer-Encoding: base64\n\n${ATTACHMENT}\n--b${i}--\n`;
  } else {
    raw = `${headers.join('\n')}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${text}`;
  }
  // Older mail is read; a few are flagged.
  const flags = (i < count * 0.97 ? 'S' : '') + (r(100) === 0 ? 'F' : '');
  return { raw, internalDate: new Date(date.getTime() + 5_000), flags };
}

/**
 * Fills `folder` with exactly `count` generated messages by writing maildir
 * files directly and letting Dovecot index them (100,000 in seconds rather
 * than the minutes APPEND or LMTP would take). Idempotent: a folder that
 * already holds `count` messages is left alone; one with fewer is topped up;
 * one with more is rebuilt.
 */
export async function seedBulkMailbox(stack: MailStack, address: string, folder: string, count: number): Promise<void> {
  if (!Number.isInteger(count) || count < 0) throw new Error(`bad count ${count}`);
  await withLock(lockDirOf(stack), `bulk-${address}`, async () => {
    const t0 = performance.now();
    const home = ensureHome(stack, address);
    let existing = await folderMessageCount(stack, address, folder);
    if (existing === count) return;
    if (existing > count) {
      rmSync(folderDir(home, folder), { recursive: true, force: true });
      existing = 0;
    }
    const dir = ensureMaildirFolder(home, folder);
    const gen = function* () {
      for (let i = existing; i < count; i++) yield bulkMessage(address, folder, i, count);
    };
    const written = writeMaildirMessages(dir, gen());
    const t1 = performance.now();
    await finishDirectWrites(stack, address, home, [folder], [folder]);
    const t2 = performance.now();
    const total = await folderMessageCount(stack, address, folder);
    if (total !== count) throw new Error(`bulk seeding ${folder} for ${address}: expected ${count} messages, Dovecot sees ${total}`);
    process.stderr.write(`mailstack: bulk ${address} ${folder}: wrote ${written} files in ${((t1 - t0) / 1000).toFixed(1)} s, chown+index ${((t2 - t1) / 1000).toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  });
}

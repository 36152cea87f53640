import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './corpus.js';
import { withLock } from './lock.js';
import { ensureMaildirFolder, writeMaildirMessages } from './maildir.js';
import { ensureHome, finishDirectWrites, lockDirOf } from './mailbox-admin.js';
import { buildRealisticMail, type SeedMessage } from './realistic.js';
import { SEEDED, type SeedSummary } from './seeded.js';
import type { MailStack } from './stack.js';

const MARKER = '.mailstack-realistic-seeded.json';

function corpusMessages(): SeedMessage[] {
  // Corpus mails arrive when their Date header says, as delivered mail would, so UID
  // order (what the list shows newest first) agrees with the dates beside each row.
  const base = SEEDED.lastDate.getTime() - 5 * 86_400_000;
  return CORPUS.map((c, i) => {
    const header = /^Date:\s*(.+)$/im.exec(c.raw.toString('utf8'))?.[1];
    const date = header ? new Date(header) : null;
    return {
      folder: c.kind === 'hostile' ? SEEDED.corpus.hostileFolder : SEEDED.corpus.benignFolder,
      raw: c.raw,
      internalDate: date && !Number.isNaN(date.getTime()) ? date : new Date(base + i * 600_000),
      flags: '',
    };
  });
}

/**
 * Fills a user's mailbox with the realistic set (threads, attachments,
 * international headers, spam, a malformed message, five years of dates) and
 * the e2e/corpus mails. Files are written straight into the maildir, then
 * indexed by doveadm. Idempotent per user through a marker file in the home.
 */
export async function seedRealisticMail(stack: MailStack, address: string): Promise<SeedSummary> {
  return withLock(lockDirOf(stack), `seed-${address}`, async () => {
    const home = ensureHome(stack, address);
    const marker = join(home, MARKER);
    if (existsSync(marker)) {
      const summary = JSON.parse(readFileSync(marker, 'utf8')) as SeedSummary;
      return { ...summary, alreadySeeded: true };
    }
    const messages = [...buildRealisticMail(address), ...corpusMessages()];
    const byFolder = new Map<string, SeedMessage[]>();
    for (const m of messages) byFolder.set(m.folder, [...(byFolder.get(m.folder) ?? []), m]);
    // Oldest first, so Dovecot hands out UIDs roughly in date order.
    for (const list of byFolder.values()) list.sort((a, b) => a.internalDate.getTime() - b.internalDate.getTime());
    const folders: Record<string, number> = {};
    for (const [folder, list] of byFolder) {
      folders[folder] = writeMaildirMessages(ensureMaildirFolder(home, folder), list);
    }
    await finishDirectWrites(stack, address, home, ['*'], [SEEDED.corpus.hostileFolder]);
    const summary: SeedSummary = { address, folders, total: messages.length, alreadySeeded: false };
    writeFileSync(marker, JSON.stringify(summary, null, 2) + '\n');
    return summary;
  });
}

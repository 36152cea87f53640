import type { Database } from './db.js';
import { AppError } from '../errors.js';
import { REMOTE_SENDERS_MAX } from '../../shared/remote.js';

/**
 * Senders whose remote images a user always loads (through the proxy).
 * Every statement names the owner: one user can neither read nor change
 * another's list, whatever the request says.
 */
export class RemoteSenders {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  list(owner: string): string[] {
    const rows = this.db.prepare('SELECT sender FROM remote_senders WHERE owner = ? ORDER BY sender').all(owner) as Array<{ sender: string }>;
    return rows.map((r) => r.sender);
  }

  has(owner: string, sender: string): boolean {
    return this.db.prepare('SELECT 1 FROM remote_senders WHERE owner = ? AND sender = ?').get(owner, sender.toLowerCase()) !== undefined;
  }

  add(owner: string, sender: string): void {
    const add = this.db.transaction(() => {
      const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM remote_senders WHERE owner = ?').get(owner) as { n: number };
      if (n >= REMOTE_SENDERS_MAX && !this.has(owner, sender)) {
        throw new AppError('VALIDATION_FAILED', `At most ${REMOTE_SENDERS_MAX} senders can be on the list.`, { field: 'address' });
      }
      this.db.prepare('INSERT OR IGNORE INTO remote_senders (owner, sender, created_at) VALUES (?, ?, ?)').run(owner, sender.toLowerCase(), this.now());
    });
    add();
  }

  remove(owner: string, sender: string): void {
    this.db.prepare('DELETE FROM remote_senders WHERE owner = ? AND sender = ?').run(owner, sender.toLowerCase());
  }
}

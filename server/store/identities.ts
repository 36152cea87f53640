import { randomBytes } from 'node:crypto';
import { IDENTITIES_MAX, type Identity, type Signature } from '../../shared/identities.js';
import { normaliseAddress, sameAddress } from '../mime/addresses.js';
import { AppError } from '../errors.js';
import type { Database } from './db.js';

/** An identity as stored: every address already checked and normalised (identities/policy.ts checks them). */
export interface CheckedIdentity {
  name: string;
  address: string;
  replyTo: string | null;
  signature: Signature;
}

/**
 * Where identities live (DESIGN.md §8: a small interface, SQLite by default).
 * `owner` is the login address; every method works on that owner's
 * identities only, so one user can neither read nor change another's, whatever
 * id a request names (an id of someone else's is IDENTITY_NOT_FOUND).
 *
 * The login address is always an identity: the list creates it on first use
 * (blank name, no signature, the default), and neither a delete nor an
 * address change may remove the last identity with that address.
 */
export interface IdentitiesStore {
  list(owner: string): Identity[];
  get(owner: string, id: string): Identity | null;
  create(owner: string, input: CheckedIdentity): Identity;
  update(owner: string, id: string, input: CheckedIdentity): Identity;
  remove(owner: string, id: string): void;
  setDefault(owner: string, id: string): void;
}

interface Row {
  id: string;
  name: string;
  address: string;
  reply_to: string | null;
  signature_format: 'html' | 'text';
  signature_body: string;
  is_default: number;
}

function toIdentity(r: Row): Identity {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    replyTo: r.reply_to,
    signature: { format: r.signature_format, body: r.signature_body },
    isDefault: r.is_default === 1,
  };
}

/** Logins are compared case-insensitively by every mail server we talk to: one user, one key. */
function ownerKey(owner: string): string {
  return owner.trim().toLowerCase();
}

const COLUMNS = 'id, name, address, reply_to, signature_format, signature_body, is_default';

export class SqliteIdentities implements IdentitiesStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  private rows(owner: string): Row[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM identities WHERE owner = ? ORDER BY created_at, rowid`).all(ownerKey(owner)) as Row[];
  }

  private row(owner: string, id: string): Row | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM identities WHERE owner = ? AND id = ?`).get(ownerKey(owner), id) as Row | undefined;
  }

  private insert(owner: string, input: CheckedIdentity, isDefault: boolean): string {
    const id = randomBytes(12).toString('base64url');
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO identities (id, owner, name, address, reply_to, signature_format, signature_body, is_default, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, ownerKey(owner), input.name, input.address, input.replyTo, input.signature.format, input.signature.body, isDefault ? 1 : 0, t, t);
    return id;
  }

  /** Adds the login identity when it is missing and makes sure one identity is the default. Call inside a transaction. */
  private ensureLogin(owner: string): Row[] {
    let rows = this.rows(owner);
    if (!rows.some((r) => sameAddress(r.address, owner))) {
      const address = normaliseAddress(owner)?.address ?? owner.trim();
      this.insert(owner, { name: '', address, replyTo: null, signature: { format: 'text', body: '' } }, !rows.some((r) => r.is_default === 1));
      rows = this.rows(owner);
    }
    if (!rows.some((r) => r.is_default === 1)) {
      const first = rows.find((r) => sameAddress(r.address, owner))!;
      this.db.prepare('UPDATE identities SET is_default = 1 WHERE owner = ? AND id = ?').run(ownerKey(owner), first.id);
      rows = this.rows(owner);
    }
    return rows;
  }

  /** True when `row` is the only identity left with the login address. */
  private isLastLogin(owner: string, rows: Row[], row: Row): boolean {
    return sameAddress(row.address, owner) && rows.filter((r) => sameAddress(r.address, owner)).length === 1;
  }

  list(owner: string): Identity[] {
    return this.db.transaction(() => this.ensureLogin(owner))().map(toIdentity);
  }

  get(owner: string, id: string): Identity | null {
    const row = this.row(owner, id);
    return row ? toIdentity(row) : null;
  }

  create(owner: string, input: CheckedIdentity): Identity {
    return this.db.transaction(() => {
      const rows = this.ensureLogin(owner);
      if (rows.length >= IDENTITIES_MAX) throw new AppError('VALIDATION_FAILED', `At most ${IDENTITIES_MAX} identities can be kept.`);
      return toIdentity(this.row(owner, this.insert(owner, input, false))!);
    })();
  }

  update(owner: string, id: string, input: CheckedIdentity): Identity {
    return this.db.transaction(() => {
      const rows = this.ensureLogin(owner);
      const row = rows.find((r) => r.id === id);
      if (!row) throw new AppError('IDENTITY_NOT_FOUND', 'No such identity.');
      if (this.isLastLogin(owner, rows, row) && !sameAddress(input.address, owner)) {
        throw new AppError('VALIDATION_FAILED', 'Your sign-in address is always one of your identities: add another identity instead.', { field: 'address' });
      }
      this.db
        .prepare(
          `UPDATE identities SET name = ?, address = ?, reply_to = ?, signature_format = ?, signature_body = ?, updated_at = ?
           WHERE owner = ? AND id = ?`,
        )
        .run(input.name, input.address, input.replyTo, input.signature.format, input.signature.body, this.now(), ownerKey(owner), id);
      return toIdentity(this.row(owner, id)!);
    })();
  }

  remove(owner: string, id: string): void {
    this.db.transaction(() => {
      const rows = this.ensureLogin(owner);
      const row = rows.find((r) => r.id === id);
      if (!row) throw new AppError('IDENTITY_NOT_FOUND', 'No such identity.');
      if (this.isLastLogin(owner, rows, row)) {
        throw new AppError('VALIDATION_FAILED', 'Your sign-in address is always one of your identities.', { field: 'id' });
      }
      this.db.prepare('DELETE FROM identities WHERE owner = ? AND id = ?').run(ownerKey(owner), id);
      // The default goes back to the login identity.
      this.ensureLogin(owner);
    })();
  }

  setDefault(owner: string, id: string): void {
    this.db.transaction(() => {
      this.ensureLogin(owner);
      if (!this.row(owner, id)) throw new AppError('IDENTITY_NOT_FOUND', 'No such identity.');
      // Clear first: the partial unique index allows one default per owner at any moment.
      this.db.prepare('UPDATE identities SET is_default = 0 WHERE owner = ? AND is_default = 1').run(ownerKey(owner));
      this.db.prepare('UPDATE identities SET is_default = 1 WHERE owner = ? AND id = ?').run(ownerKey(owner), id);
    })();
  }
}

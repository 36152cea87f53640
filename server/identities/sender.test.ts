import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { AppError } from '../errors.js';
import { SenderIdentities } from './sender.js';
import { SqliteIdentities } from '../store/identities.js';

const temp = useTempDatabase('sender-');

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
let store: SqliteIdentities;

beforeEach(() => {
  store = new SqliteIdentities(temp.db);
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return `${err.code}:${err.extra.field}`;
    throw err;
  }
  throw new Error('expected an AppError');
}

const sales = { name: 'Sales', address: 'sales@example.test', replyTo: 'orders@example.test', signature: { format: 'text' as const, body: '' } };
const from = (address: string) => ({ name: 'Whatever the client says', address });

describe('the identity a draft sends as', () => {
  it('is the user\'s own identity by id, whatever From the client wrote', () => {
    const mine = store.create(ALICE, sales);
    const senders = new SenderIdentities(store, 'domain');
    expect(senders.forSending(ALICE, { identityId: mine.id, from: from('ceo@example.test') })).toEqual(mine);
  });

  it('refuses another user\'s identity when sending, and never uses it for a draft copy', () => {
    const bobs = store.create(BOB, { ...sales, name: 'Bob Sales' });
    const senders = new SenderIdentities(store, 'domain');
    expect(codeOf(() => senders.forSending(ALICE, { identityId: bobs.id, from: from(ALICE) }))).toBe('IDENTITY_NOT_FOUND:identityId');
    const fallback = senders.forDraft(ALICE, { identityId: bobs.id, from: from(ALICE) });
    expect(fallback).toMatchObject({ address: ALICE, isDefault: true });
  });

  it('without an id (a draft from before identities) matches From against the user\'s identities, or refuses', () => {
    const mine = store.create(ALICE, sales);
    const senders = new SenderIdentities(store, 'domain');
    expect(senders.forSending(ALICE, { identityId: null, from: from('Sales@example.test') })).toEqual(mine);
    expect(senders.forSending(ALICE, { from: from(ALICE) })).toMatchObject({ address: ALICE });
    expect(codeOf(() => senders.forSending(ALICE, { identityId: null, from: from(BOB) }))).toBe('VALIDATION_FAILED:from.address');
  });

  it('refuses an identity the admin\'s policy no longer allows (tightened after it was saved)', () => {
    const mine = store.create(ALICE, sales);
    const strict = new SenderIdentities(store, 'login');
    expect(codeOf(() => strict.forSending(ALICE, { identityId: mine.id, from: from(mine.address) }))).toBe('VALIDATION_FAILED:identityId');
    expect(strict.forSending(ALICE, { identityId: null, from: from(ALICE) })).toMatchObject({ address: ALICE });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { IDENTITIES_MAX } from '../../shared/identities.js';
import { AppError } from '../errors.js';
import type { CheckedIdentity } from './identities.js';
import { SqliteIdentities } from './identities.js';

const temp = useTempDatabase('identities-');

let store: SqliteIdentities;

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const sales: CheckedIdentity = { name: 'Sales', address: 'sales@example.test', replyTo: 'orders@example.test', signature: { format: 'html', body: '<p>The <b>Sales</b> team</p>' } };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return `${err.code}${err.extra.field ? `:${err.extra.field}` : ''}`;
    throw err;
  }
  throw new Error('expected an AppError');
}

beforeEach(() => {
  store = new SqliteIdentities(temp.db);
});

describe('SqliteIdentities', () => {
  it('always has the login address, as the default, before the user added anything', () => {
    const list = store.list(ALICE);
    expect(list).toEqual([{ id: list[0]!.id, name: '', address: ALICE, replyTo: null, signature: { format: 'text', body: '' }, isDefault: true }]);
    // Listing again does not add it twice.
    expect(store.list(ALICE)).toEqual(list);
  });

  it('adds, changes and lists identities in the order they were added; one default at a time', () => {
    const created = store.create(ALICE, sales);
    expect(created).toMatchObject({ ...sales, isDefault: false });
    store.setDefault(ALICE, created.id);
    let list = store.list(ALICE);
    expect(list.map((i) => [i.address, i.isDefault])).toEqual([[ALICE, false], ['sales@example.test', true]]);
    const changed = store.update(ALICE, created.id, { ...sales, name: 'Sales team', replyTo: null, signature: { format: 'text', body: 'Sales' } });
    expect(changed).toMatchObject({ name: 'Sales team', replyTo: null, signature: { format: 'text', body: 'Sales' }, isDefault: true });
    store.setDefault(ALICE, list[0]!.id);
    list = store.list(ALICE);
    expect(list.filter((i) => i.isDefault).map((i) => i.address)).toEqual([ALICE]);
  });

  it('deleting the default gives the default back to the login identity', () => {
    const created = store.create(ALICE, sales);
    store.setDefault(ALICE, created.id);
    store.remove(ALICE, created.id);
    expect(store.list(ALICE).map((i) => [i.address, i.isDefault])).toEqual([[ALICE, true]]);
  });

  it('never removes the last identity with the login address, by delete or by changing its address', () => {
    const [login] = store.list(ALICE);
    expect(codeOf(() => store.remove(ALICE, login!.id))).toBe('VALIDATION_FAILED:id');
    expect(codeOf(() => store.update(ALICE, login!.id, sales))).toBe('VALIDATION_FAILED:address');
    // With a second identity on the login address, either one may go.
    const second = store.create(ALICE, { ...sales, address: ALICE, name: 'Alice (work)' });
    store.remove(ALICE, login!.id);
    expect(store.list(ALICE).map((i) => [i.id, i.isDefault])).toEqual([[second.id, true]]);
  });

  it('is scoped to its owner: another user\'s id is not found for reading, changing, deleting or defaulting', () => {
    const mine = store.create(ALICE, sales);
    expect(store.get(BOB, mine.id)).toBeNull();
    expect(codeOf(() => store.update(BOB, mine.id, { ...sales, name: 'Hijacked' }))).toBe('IDENTITY_NOT_FOUND');
    expect(codeOf(() => store.remove(BOB, mine.id))).toBe('IDENTITY_NOT_FOUND');
    expect(codeOf(() => store.setDefault(BOB, mine.id))).toBe('IDENTITY_NOT_FOUND');
    expect(store.list(BOB).map((i) => i.address)).toEqual([BOB]);
    expect(store.get(ALICE, mine.id)).toMatchObject({ name: 'Sales', isDefault: false });
  });

  it('treats the login case-insensitively, as the mail server does', () => {
    store.create('Alice@Example.test', sales);
    expect(store.list(ALICE).map((i) => i.address)).toEqual(['Alice@example.test', 'sales@example.test']);
  });

  it(`keeps at most ${IDENTITIES_MAX} identities`, () => {
    for (let i = 1; i < IDENTITIES_MAX; i++) store.create(ALICE, { ...sales, name: `S${i}` });
    expect(codeOf(() => store.create(ALICE, sales))).toBe('VALIDATION_FAILED');
    expect(store.list(ALICE)).toHaveLength(IDENTITIES_MAX);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../e2e/support/unit/temp-db.js';
import { SqliteContactsStore } from './sqlite.js';
import type { ContactFields } from './store.js';

const temp = useTempDatabase('contacts-');

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

let store: SqliteContactsStore;

beforeEach(() => {
  store = new SqliteContactsStore(temp.db);
});

const fields = (over: Partial<ContactFields> = {}): ContactFields => ({ name: '', emails: [], phones: [], notes: '', groups: [], ...over });
const everything = () => ({ q: '', limit: 500, offset: 0 });

describe('SqliteContactsStore', () => {
  it('creates, reads, updates and deletes, keeping the order of addresses and phones', async () => {
    const created = await store.create(
      ALICE,
      fields({
        name: 'Zoë Durand',
        emails: [
          { address: 'zoe@work.example', label: 'work' },
          { address: 'zoe@home.example', label: 'home' },
        ],
        phones: [{ number: '+33 6 00', label: 'mobile' }],
        notes: 'n',
      }),
    );
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.get(ALICE, created.id)).toEqual(created);
    const updated = await store.update(ALICE, created.id, fields({ name: 'Zoë D.', emails: [{ address: 'zoe@home.example', label: 'home' }] }));
    expect(updated).toEqual({ id: created.id, name: 'Zoë D.', emails: [{ address: 'zoe@home.example', label: 'home' }], phones: [], notes: '', groups: [] });
    await store.remove(ALICE, created.id);
    await expect(store.get(ALICE, created.id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM contact_emails').get()).toEqual({ n: 0 });
  });

  it("never reads, changes or deletes another owner's contact, even by its id", async () => {
    const a = await store.create(ALICE, fields({ name: 'Secret', emails: [{ address: 's@example.org', label: '' }] }));
    await expect(store.get(BOB, a.id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(store.update(BOB, a.id, fields({ name: 'Taken' }))).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(store.remove(BOB, a.id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect((await store.list(BOB, everything())).contacts).toEqual([]);
    expect(await store.suggest(BOB, 'secret', 10)).toEqual([]);
    expect(await store.get(ALICE, a.id)).toEqual(a);
    // Nor put it in one of his groups, or his contact in one of hers.
    await expect(store.createGroup(BOB, { name: 'Mine', memberIds: [a.id] })).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    const hers = await store.createGroup(ALICE, { name: 'Hers', memberIds: [] });
    await expect(store.create(BOB, fields({ name: 'B', groups: [hers.id] }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { field: 'groups' } });
    await expect(store.removeGroup(BOB, hers.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('searches names and addresses without case or accents, by name, and pages', async () => {
    for (const name of ['Élodie Martin', 'bob', 'ZOË', 'Chloé Élan', '']) {
      await store.create(ALICE, fields({ name, emails: [{ address: `${name.replace(/\W/g, '') || 'anon'}@Example.ORG`, label: '' }] }));
    }
    await store.create(BOB, fields({ name: 'Elodie of Bob' }));
    const names = async (q: string) => (await store.list(ALICE, { q, limit: 10, offset: 0 })).contacts.map((c) => c.name);
    expect(await names('')).toEqual(['bob', 'Chloé Élan', 'Élodie Martin', 'ZOË', '']);
    expect(await names('elo')).toEqual(['Élodie Martin']);
    expect(await names('ELAN')).toEqual(['Chloé Élan']);
    expect(await names('zoe')).toEqual(['ZOË']);
    expect(await names('example.org')).toHaveLength(5);
    expect(await names('anon@')).toEqual(['']);
    const page = await store.list(ALICE, { q: '', limit: 2, offset: 2 });
    expect([page.total, page.contacts.map((c) => c.name)]).toEqual([5, ['Élodie Martin', 'ZOË']]);
  });

  it('suggests prefix matches first, one entry per matching address, then groups as their members', async () => {
    const ann = await store.create(ALICE, fields({ name: 'Ann Lee', emails: [{ address: 'ann@home.example', label: '' }, { address: 'ann@work.example', label: '' }] }));
    const joan = await store.create(ALICE, fields({ name: 'Joan Annable', emails: [{ address: 'joan@example.org', label: '' }] }));
    await store.create(ALICE, fields({ name: 'Annie Phone-only', phones: [{ number: '1', label: '' }] }));
    const work = await store.create(ALICE, fields({ name: 'Bo', emails: [{ address: 'bo@home.example', label: '' }, { address: 'bo@work.example', label: '' }] }));
    await store.createGroup(ALICE, { name: 'Annual party', memberIds: [ann.id, joan.id] });
    expect(await store.suggest(ALICE, 'ann', 10)).toEqual([
      { kind: 'contact', contactId: ann.id, name: 'Ann Lee', address: 'ann@home.example' },
      { kind: 'contact', contactId: ann.id, name: 'Ann Lee', address: 'ann@work.example' },
      { kind: 'contact', contactId: joan.id, name: 'Joan Annable', address: 'joan@example.org' },
      {
        kind: 'group',
        groupId: expect.any(String),
        name: 'Annual party',
        members: [
          { name: 'Ann Lee', address: 'ann@home.example' },
          { name: 'Joan Annable', address: 'joan@example.org' },
        ],
      },
    ]);
    expect(await store.suggest(ALICE, 'work.ex', 10)).toEqual([
      { kind: 'contact', contactId: ann.id, name: 'Ann Lee', address: 'ann@work.example' },
      { kind: 'contact', contactId: work.id, name: 'Bo', address: 'bo@work.example' },
    ]);
  });

  it('keeps groups with unique names per owner; deleting a group keeps its contacts, deleting a contact leaves its groups', async () => {
    const a = await store.create(ALICE, fields({ name: 'A' }));
    const b = await store.create(ALICE, fields({ name: 'B' }));
    const g = await store.createGroup(ALICE, { name: 'Friends', memberIds: [a.id, b.id] });
    expect((await store.get(ALICE, a.id)).groups).toEqual([g.id]);
    await expect(store.createGroup(ALICE, { name: 'FRIENDS', memberIds: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { field: 'name' } });
    expect((await store.createGroup(BOB, { name: 'Friends', memberIds: [] })).name).toBe('Friends');
    await store.remove(ALICE, b.id);
    expect((await store.listGroups(ALICE))[0]!.memberIds).toEqual([a.id]);
    const renamed = await store.updateGroup(ALICE, g.id, { name: 'Old friends', memberIds: [] });
    expect(renamed).toEqual({ id: g.id, name: 'Old friends', memberIds: [] });
    expect((await store.get(ALICE, a.id)).groups).toEqual([]);
    await store.removeGroup(ALICE, g.id);
    expect(await store.listGroups(ALICE)).toEqual([]);
    expect((await store.list(ALICE, everything())).total).toBe(1);
  });

  it('collects unknown recipients once, never the owner, whatever the case of the address', async () => {
    await store.create(ALICE, fields({ name: 'Known', emails: [{ address: 'Known@Example.org', label: '' }] }));
    const added = await store.collect(ALICE, [
      { name: 'Known Again', address: 'known@example.ORG' },
      { name: 'New Person', address: 'new@example.org' },
      { name: '', address: 'NEW@example.org' },
      { name: 'Me', address: 'Alice@Example.test' },
      { name: '', address: 'bare@example.net' },
    ]);
    expect(added).toBe(2);
    const list = (await store.list(ALICE, everything())).contacts.map((c) => [c.name, c.emails.map((e) => e.address)]);
    expect(list).toEqual([
      ['Known', ['Known@Example.org']],
      ['New Person', ['new@example.org']],
      ['', ['bare@example.net']],
    ]);
    expect(await store.collect(ALICE, [{ name: 'x', address: 'bare@example.net' }])).toBe(0);
    expect((await store.list(BOB, everything())).total).toBe(0);
  });

  it('imports with groups by name, joining existing ones, and skips what is already there', async () => {
    const friends = await store.createGroup(ALICE, { name: 'Friends', memberIds: [] });
    await store.create(ALICE, fields({ name: 'Ada', emails: [{ address: 'ada@example.org', label: '' }] }));
    const outcome = await store.importMany(ALICE, [
      { line: 1, name: 'ada', emails: [{ address: 'ADA@example.org', label: 'home' }], phones: [], notes: '', groupNames: [] },
      { line: 7, name: 'Grace', emails: [], phones: [], notes: '', groupNames: ['friends', 'Navy'] },
      { line: 9, name: 'Grace', emails: [], phones: [], notes: '', groupNames: [] },
    ]);
    expect(outcome).toEqual({ imported: 1, skipped: [{ line: 1, reason: 'DUPLICATE' }, { line: 9, reason: 'DUPLICATE' }] });
    const groups = await store.listGroups(ALICE);
    expect(groups.map((g) => g.name)).toEqual(['Friends', 'Navy']);
    const grace = (await store.list(ALICE, { q: 'grace', limit: 5, offset: 0 })).contacts[0]!;
    expect(new Set(grace.groups)).toEqual(new Set([friends.id, groups[1]!.id]));
  });
});

import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { COMPOSE_API, outboxEntrySchema } from '../../shared/compose.js';
import {
  CONTACTS_API, CONTACTS_IMPORT_MAX_BYTES, contactGroupSchema, contactListSchema, contactSchema, contactSuggestionsSchema, importResultSchema,
  type Contact, type ContactInput,
} from '../../shared/contacts.js';
import { waitForMessage, type TestUser } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { draftOf, settled } from '../../e2e/support/compose.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { SETTINGS_API } from '../../shared/settings.js';

// The address book through the real server: its routes, its SQLite file, and
// for collected recipients a real send through Postfix. Carol's "collect
// recipients" setting is off (PATCHed through the settings API), everyone else's on.

const stack = inject('mailstack');

const webmail = useWebmail({ WEBMAIL_UNDO_SEND_SECONDS: '0' });
const alice = useUser(webmail);
const bob = useUser(webmail);
const carol = useUser(webmail);

beforeAll(async () => {
  // Carol turned "collect recipients" off in her settings; the others keep the default (on).
  expect((await carol.api.request('PATCH', SETTINGS_API.settings, { collectRecipients: false })).status).toBe(200);
});

async function create(api: ApiClient, input: ContactInput): Promise<Contact> {
  const res = await api.post(CONTACTS_API.contacts, input);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return contactSchema.parse(res.json);
}

async function list(api: ApiClient, q = ''): Promise<Contact[]> {
  const res = await api.get(`${CONTACTS_API.contacts}?q=${encodeURIComponent(q)}&limit=500`);
  expect(res.status).toBe(200);
  return contactListSchema.parse(res.json).contacts;
}

async function clear(api: ApiClient): Promise<void> {
  for (const contact of await list(api)) expect((await api.request('DELETE', CONTACTS_API.contact(contact.id))).status).toBe(204);
}

/** Imports a file's bytes as the browser does: the raw file, its own content type. */
async function importBytes(api: ApiClient, body: Buffer, type: string) {
  return api.request('POST', CONTACTS_API.import, body, { 'content-type': type });
}

/** A contact as another account would hold it: no id, groups by name. */
function portable(contacts: Contact[], groups: Map<string, string>) {
  return contacts
    .map(({ id: _id, groups: g, ...rest }) => ({ ...rest, groups: g.map((x) => groups.get(x)).sort() }))
    .sort((x, y) => x.name.localeCompare(y.name));
}

async function groupNames(api: ApiClient): Promise<Map<string, string>> {
  const res = await api.get(CONTACTS_API.groups);
  return new Map((res.json as { groups: unknown[] }).groups.map((g) => contactGroupSchema.parse(g)).map((g) => [g.id, g.name]));
}

describe('contacts API', () => {
  it('creates, updates, searches (case and accents aside) and deletes', async () => {
    const zoe = await create(alice.api, { name: 'Zoë Faure', emails: [{ address: 'zoe@example.org', label: 'home' }], phones: [{ number: '+33 6 00 00 00 01', label: 'mobile' }], notes: 'n' });
    const max = await create(alice.api, { name: 'Max', emails: [{ address: 'max@work.example', label: 'work' }, { address: 'max@home.example', label: 'home' }], phones: [] });
    expect((await list(alice.api, 'ZOE')).map((x) => x.id)).toEqual([zoe.id]);
    expect((await list(alice.api, 'home.example')).map((x) => x.id)).toEqual([max.id]);

    const put = await alice.api.request('PUT', CONTACTS_API.contact(max.id), { ...max, name: 'Max Ernst', notes: 'painter' });
    expect(put.status).toBe(200);
    expect(contactSchema.parse(put.json)).toEqual({ ...max, name: 'Max Ernst', notes: 'painter' });
    expect(contactSchema.parse((await alice.api.get(CONTACTS_API.contact(max.id))).json).name).toBe('Max Ernst');

    const suggest = contactSuggestionsSchema.parse((await alice.api.get(`${CONTACTS_API.suggest}?q=ern`)).json);
    expect(suggest.suggestions.map((s) => s.kind === 'contact' && s.address)).toEqual(['max@work.example', 'max@home.example']);

    expect((await alice.api.request('DELETE', CONTACTS_API.contact(max.id))).status).toBe(204);
    const gone = await alice.api.get(CONTACTS_API.contact(max.id));
    expect([gone.status, (gone.json as { error: { code: string } }).error.code]).toEqual([404, 'CONTACT_NOT_FOUND']);
    await clear(alice.api);
  });

  it('refuses bad input with a code naming the field, and stores nothing', async () => {
    const bad: Array<[unknown, string]> = [
      [{ name: 'Line\nbreak', emails: [], phones: [] }, 'name'],
      [{ name: 'X', emails: [{ address: 'not-an-address', label: '' }], phones: [] }, 'emails.0.address'],
      [{ name: '', emails: [], phones: [] }, 'name'],
      [{ name: 'X', emails: [], phones: [], groups: ['00000000-0000-4000-8000-000000000000'] }, 'groups'],
    ];
    for (const [body, field] of bad) {
      const res = await alice.api.post(CONTACTS_API.contacts, body);
      expect([res.status, res.json]).toMatchObject([400, { error: { code: 'VALIDATION_FAILED', field } }]);
    }
    expect(await list(alice.api)).toEqual([]);
  });

  it("keeps one user out of another's contacts: B can neither read, change nor delete A's contact by its id", async () => {
    const secret = await create(alice.api, { name: 'Private Person', emails: [{ address: 'private@example.org', label: '' }], phones: [], notes: 'only Alice knows' });
    const attempts = [
      await bob.api.get(CONTACTS_API.contact(secret.id)),
      await bob.api.request('PUT', CONTACTS_API.contact(secret.id), { name: 'Hijacked', emails: [], phones: [] }),
      await bob.api.request('DELETE', CONTACTS_API.contact(secret.id)),
    ];
    for (const res of attempts) expect([res.status, (res.json as { error: { code: string } }).error.code]).toEqual([404, 'CONTACT_NOT_FOUND']);
    expect(await list(bob.api, 'private')).toEqual([]);
    const export_ = await bob.api.get(`${CONTACTS_API.export}?format=vcard4`);
    expect(export_.body.toString('utf8')).not.toContain('private@example.org');
    // Nor put it into a group of his.
    const group = await bob.api.post(CONTACTS_API.groups, { name: 'Stolen', memberIds: [secret.id] });
    expect([group.status, (group.json as { error: { code: string } }).error.code]).toEqual([404, 'CONTACT_NOT_FOUND']);
    expect(contactSchema.parse((await alice.api.get(CONTACTS_API.contact(secret.id))).json)).toEqual(secret);
    await clear(alice.api);
  });
});

describe('import and export', () => {
  for (const format of ['vcard3', 'vcard4', 'csv'] as const) {
    it(`${format}: what A exports, B imports into equal contacts and groups`, async () => {
      const family = contactGroupSchema.parse((await alice.api.post(CONTACTS_API.groups, { name: `Famille ${format}`, memberIds: [] })).json);
      await create(alice.api, {
        name: 'Zoë Ünal-Łukasiewicz',
        emails: [
          { address: 'zoe@example.org', label: 'home' },
          { address: 'zoe@work.example', label: 'work' },
        ],
        phones: [
          { number: '+33 6 12 34 56 78', label: 'mobile' },
          { number: '+33 1 00 00 00 00', label: 'fax' },
        ],
        notes: 'First line, with a comma; and a semicolon\nSecond line "quoted"',
        groups: [family.id],
      });
      await create(alice.api, { name: '山田 太郎', emails: [{ address: 'taro@example.jp', label: '' }], phones: [], groups: [family.id] });
      await create(alice.api, { name: '', emails: [{ address: 'unnamed@example.net', label: '' }], phones: [] });

      const exported = await alice.api.get(`${CONTACTS_API.export}?format=${format}`);
      expect(exported.status).toBe(200);
      expect(exported.headers['content-disposition']).toBe(`attachment; filename="contacts.${format === 'csv' ? 'csv' : 'vcf'}"`);
      expect(exported.headers['content-type']).toBe(format === 'csv' ? 'text/csv; charset=utf-8' : 'text/vcard; charset=utf-8');

      const imported = await importBytes(bob.api, exported.body, String(exported.headers['content-type']));
      expect(imported.status, JSON.stringify(imported.json)).toBe(200);
      expect(importResultSchema.parse(imported.json)).toEqual({ imported: 3, skipped: [], skippedTotal: 0 });
      expect(portable(await list(bob.api), await groupNames(bob.api))).toEqual(portable(await list(alice.api), await groupNames(alice.api)));

      await Promise.all([clear(alice.api), clear(bob.api)]);
      for (const api of [alice.api, bob.api]) for (const id of (await groupNames(api)).keys()) await api.request('DELETE', CONTACTS_API.group(id));
    });
  }

  it('imports what it can from a damaged file and reports each skipped line', async () => {
    const file = ['Name,E-mail 1 - Value', 'Good,good@example.org', 'Short', 'No Address,not-an-address', 'Fine,"fine@example.org"', ''].join('\r\n');
    const res = await importBytes(carol.api, Buffer.from(file), 'text/csv');
    expect(importResultSchema.parse(res.json)).toEqual({
      imported: 2,
      skipped: [
        { line: 3, reason: 'COLUMN_COUNT' },
        { line: 4, reason: 'INVALID_EMAIL' },
      ],
      skippedTotal: 2,
    });
    expect((await list(carol.api)).map((x) => x.name)).toEqual(['Fine', 'Good']);
    await clear(carol.api);
  });

  it('refuses a file over the limit with MESSAGE_TOO_LARGE, and imports nothing of it', async () => {
    const card = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Filler\r\nEMAIL:filler@example.org\r\nEND:VCARD\r\n';
    const body = Buffer.from(card.repeat(Math.ceil((CONTACTS_IMPORT_MAX_BYTES + 1) / card.length)));
    const res = await importBytes(carol.api, body, 'text/vcard');
    expect([res.status, (res.json as { error: { code: string } }).error.code]).toEqual([413, 'MESSAGE_TOO_LARGE']);
    expect(await list(carol.api)).toEqual([]);
  });
});

describe('recipients of sent mail', () => {
  async function send(api: ApiClient, from: TestUser, to: Array<{ name: string; address: string }>, cc: Array<{ name: string; address: string }>) {
    const draft = draftOf(from.address, { to, cc });
    const res = await api.post(COMPOSE_API.send, { draft, sendAt: null });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(await settled(api, outboxEntrySchema.parse(res.json).id)).toBeNull();
    return draft.subject;
  }

  it('are added to the address book once the submission server took the message, unless already known', async () => {
    await create(alice.api, { name: 'Bob Known', emails: [{ address: bob.address.toUpperCase(), label: '' }], phones: [] });
    const outside = `someone-${randomBytes(3).toString('hex')}@elsewhere.example`;
    const subject = await send(alice.api, alice, [{ name: 'Bob Renamed', address: bob.address }, { name: 'Some One', address: outside }], [{ name: '', address: carol.address }]);
    await waitForMessage(stack, bob.address, subject);
    const contacts = (await list(alice.api)).map((x) => [x.name, x.emails.map((e) => e.address)]);
    expect(contacts).toEqual([
      ['Bob Known', [bob.address.toUpperCase()]],
      ['Some One', [outside]],
      ['', [carol.address]],
    ]);
    await clear(alice.api);
  });

  it('are not added when the user turned collecting off', async () => {
    const subject = await send(carol.api, carol, [{ name: 'Alice', address: alice.address }], []);
    await waitForMessage(stack, alice.address, subject);
    expect(await list(carol.api)).toEqual([]);
  });
});

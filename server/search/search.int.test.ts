import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchObject } from 'imapflow';
import { API } from '../../shared/api.js';
import { messagePageSchema, type MessagePage } from '../../shared/mail.js';
import { criteriaToQuery, type SearchCriteria } from '../../shared/search.js';
import { BULK_ACCOUNT, seedBulk, useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { rawCommand, type Token } from '../imap/raw.js';

/**
 * Search on the 100,000-message Bulk folder, through our API, against what a
 * direct UID SEARCH (another IMAP client on the same account) answers. The
 * folder is only read here: other test files count its flags.
 */

const FOLDER = 'Bulk';
const COUNT = 100_000;

type Query = Partial<SearchCriteria> & { sort?: string; order?: string };

async function page(c: Query, offset = 0, limit = 50): Promise<MessagePage> {
  const params = new URLSearchParams({ mailbox: FOLDER, offset: String(offset), limit: String(limit), ...criteriaToQuery(c) });
  if (c.sort) params.set('sort', c.sort);
  if (c.order) params.set('order', c.order);
  const res = await me.api.get(`${API.messages}?${params}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return messagePageSchema.parse(res.json);
}

/** Every row of a search, paged through 200 at a time. */
async function allRows(c: Query): Promise<number[]> {
  const first = await page(c, 0, 200);
  const uids = first.items.map((m) => m.uid);
  for (let offset = 200; offset < first.total; offset += 200) uids.push(...(await page(c, offset, 200)).items.map((m) => m.uid));
  expect(uids).toHaveLength(first.total);
  return uids;
}

/** What a direct UID SEARCH answers, newest first (the list's default order). */
async function direct(query: SearchObject): Promise<number[]> {
  return ((await me.probe.search(query, { uid: true })) || []).sort((a, b) => b - a);
}

const quick = (t: string): SearchObject => ({ or: [{ from: t }, { to: t }, { subject: t }, { body: t }] });

/** Top, middle and end pages of a large search equal the direct answer at the same offsets. */
async function expectSamePages(c: Query, expected: number[]): Promise<void> {
  const first = await page(c);
  expect(first.total).toBe(expected.length);
  for (const offset of [0, Math.floor(expected.length / 2), Math.max(0, expected.length - 50)]) {
    expect((await page(c, offset)).items.map((m) => m.uid), `offset ${offset}`).toEqual(expected.slice(offset, offset + 50));
  }
}

const me = useUser(useWebmail(), { account: BULK_ACCOUNT, probe: true, seed: seedBulk(FOLDER, COUNT), timeout: 240_000 });
beforeAll(async () => {
  await me.probe.mailboxOpen(FOLDER, { readOnly: true });
});

describe('search in the 100,000-message folder equals a direct UID SEARCH', () => {
  it('a body word', async () => {
    await expectSamePages({ body: 'laboris' }, await direct({ body: 'laboris' }));
  });

  it('the quick box: from, to, subject or body', async () => {
    await expectSamePages({ text: 'budget' }, await direct(quick('budget')));
  });

  it('from, with the non-ASCII names the seeder uses', async () => {
    for (const name of ['Chloé', 'Zoë']) {
      const expected = await direct({ from: name });
      expect(expected.length, name).toBeGreaterThan(1000);
      expect(await allRows({ from: name }), name).toEqual(expected);
    }
  });

  it('subject', async () => {
    const expected = await direct({ subject: '#4242' });
    expect(expected.length).toBe(11); // #4242 and #42420 … #42429
    expect(await allRows({ subject: '#4242' })).toEqual(expected);
  });

  it('a date range (the Date header day, SENTSINCE / SENTBEFORE)', async () => {
    const expected = await direct({ sentSince: new Date('2023-03-01T00:00:00Z'), sentBefore: new Date('2023-03-15T00:00:00Z') });
    expect(expected.length).toBeGreaterThan(100);
    expect(await allRows({ since: '2023-03-01', before: '2023-03-15' })).toEqual(expected);
  });

  it('unread, read, flagged', async () => {
    expect(await allRows({ unread: true })).toEqual(await direct({ seen: false }));
    expect(await allRows({ flagged: true })).toEqual(await direct({ flagged: true }));
    await expectSamePages({ unread: false }, await direct({ seen: true }));
  });

  it('larger and smaller than', async () => {
    const expected = await direct({ larger: 900, smaller: 950 });
    expect(expected.length).toBeGreaterThan(100);
    expect(await allRows({ larger: 900, smaller: 950 })).toEqual(expected);
    expect((await page({ smaller: 0 })).total).toBe(0);
  });

  it('has an attachment, as BODYSTRUCTURE says (every 500th message), and has none', async () => {
    const truth: number[] = [];
    const candidates = await direct({ not: { header: { 'Content-Type': 'text/plain' } } });
    for await (const m of me.probe.fetch(candidates.join(','), { uid: true, bodyStructure: true }, { uid: true })) {
      if (m.bodyStructure?.childNodes?.some((p) => p.disposition === 'attachment')) truth.push(m.uid);
    }
    truth.sort((a, b) => b - a);
    expect(truth).toHaveLength(COUNT / 500);
    expect(await allRows({ attachment: true })).toEqual(truth);
    const without = await page({ attachment: false });
    expect(without.total).toBe(COUNT - truth.length);
    const attached = new Set(truth);
    expect(without.items.map((m) => m.uid)).toEqual((await direct({ all: true })).filter((u) => !attached.has(u)).slice(0, 50));
  });

  it('combined criteria are ANDed', async () => {
    const c = { text: 'budget', unread: true, since: '2025-06-01' };
    const expected = await direct({ ...quick('budget'), seen: false, sentSince: new Date('2025-06-01T00:00:00Z') });
    expect(expected.length).toBeGreaterThan(10);
    expect(await allRows(c)).toEqual(expected);
  });

  it('sorted results are the server sort of the match set, paged consistently', async () => {
    const expected: number[] = [];
    await rawCommand(me.probe, 'UID SORT', [[{ type: 'ATOM', value: 'SUBJECT' }], { type: 'ATOM', value: 'UTF-8' }, { type: 'ATOM', value: 'FROM' }, { type: 'ATOM', value: 'greta' }], {
      SORT: async (u) => void expected.push(...(u.attributes as Token[]).map((t) => Number(t.value))),
    });
    expect(expected.length).toBeGreaterThan(1000);
    const got = await allRows({ from: 'greta', sort: 'subject', order: 'asc' });
    expect(got).toEqual(expected);
    const bySize = await page({ from: 'greta', sort: 'size', order: 'desc' }, 0, 200);
    expect(new Set(bySize.items.map((m) => m.uid)).size).toBe(200);
    expect(bySize.items.map((m) => m.size)).toEqual([...bySize.items.map((m) => m.size)].sort((a, b) => b - a));
    expect(bySize.items.every((m) => expected.includes(m.uid))).toBe(true);
  });
});

describe('bad search requests', () => {
  it('an unknown mailbox is MAILBOX_NOT_FOUND', async () => {
    const res = await me.api.get(`${API.messages}?mailbox=${encodeURIComponent('No such folder')}&text=x`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'MAILBOX_NOT_FOUND' } });
  });

  it('a bad date, flag, size or sort key is a 400 naming the field', async () => {
    for (const [query, field] of [
      ['since=2024-13-01', 'since'],
      ['before=tomorrow', 'before'],
      ['unread=yes', 'unread'],
      ['larger=-5', 'larger'],
      ['text=x&sort=SUBJECT)(', 'sort'],
      ['text=x&order=sideways', 'order'],
    ] as const) {
      const res = await me.api.get(`${API.messages}?mailbox=${FOLDER}&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json, query).toMatchObject({ error: { code: 'VALIDATION_FAILED', field } });
    }
  });
});

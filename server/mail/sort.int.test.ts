import { describe, expect, it } from 'vitest';
import { API, SORT_KEYS, type SortKey, type SortOrder } from '../../shared/api.js';
import { messagePageSchema } from '../../shared/mail.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { sortedUids, type ServerSortKey, type SortMode } from '../imap/sort.js';

let uids: number[];

/** Distinct in every key, appended in an order that matches none of them. */
const SAMPLE = [
  { subject: 'Re: Banana', from: 'Carol <carol@example.test>', to: 'zoe@example.test', date: '2021-03-01', body: 300 },
  { subject: 'apple', from: 'alice@example.test', to: 'mike@example.test', date: '2021-01-01', body: 900 },
  { subject: 'Fwd: cherry', from: 'Zed <Bob@example.test>', to: 'anna@example.test', date: '2021-05-01', body: 100 },
  { subject: '[list] date', from: 'dave@example.test', to: 'yann@example.test', date: '2020-12-01', body: 600 },
  { subject: 'Eggplant', from: 'erin@example.test', to: 'bert@example.test', date: '2021-02-01', body: 1500 },
  { subject: 'fig (fwd)', from: 'frank@example.test', to: 'carl@example.test', date: '2021-04-01', body: 50 },
];

/** Ascending order of SAMPLE indexes per key, worked out by hand from RFC 5256. */
const ASCENDING: Record<ServerSortKey, number[]> = {
  date: [3, 1, 4, 0, 5, 2],
  from: [1, 2, 0, 3, 4, 5],
  to: [2, 4, 5, 1, 3, 0],
  subject: [1, 0, 2, 3, 4, 5],
  size: [5, 2, 0, 3, 1, 4],
};

function expected(sort: SortKey, order: SortOrder): number[] {
  const asc = sort === 'arrival' ? [...uids].sort((a, b) => a - b) : ASCENDING[sort].map((i) => uids[i]!);
  return order === 'asc' ? asc : [...asc].reverse();
}

async function page(sort: string, order: string, offset = 0, limit = 50) {
  return me.api.get(`${API.messages}?mailbox=INBOX&offset=${offset}&limit=${limit}&sort=${sort}&order=${order}`);
}

const me = useUser(useWebmail(), {
  probe: true,
  seed: async ({ probe }) => {
    uids = await appendAll(
      probe,
      'INBOX',
      SAMPLE.map((m) => plainMessage('x'.repeat(m.body), { subject: m.subject, from: m.from, to: m.to, date: new Date(`${m.date}T12:00:00Z`) })),
    );
  },
});

describe('sorted message list', () => {
  for (const sort of SORT_KEYS) {
    for (const order of ['asc', 'desc'] as const) {
      it(`${sort} ${order}`, async () => {
        const res = await page(sort, order);
        expect(res.status).toBe(200);
        const p = messagePageSchema.parse(res.json);
        expect(p.total).toBe(SAMPLE.length);
        expect(p.items.map((m) => m.uid)).toEqual(expected(sort, order));
      });
    }
  }

  it('defaults to newest arrival first', async () => {
    const p = messagePageSchema.parse((await me.api.get(`${API.messages}?mailbox=INBOX`)).json);
    expect(p.items.map((m) => m.uid)).toEqual(expected('arrival', 'desc'));
  });

  it('pages concatenate to the whole order', async () => {
    for (const sort of ['subject', 'size', 'date'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const got: number[] = [];
        for (let offset = 0; offset < SAMPLE.length; offset += 4) {
          got.push(...messagePageSchema.parse((await page(sort, order, offset, 4)).json).items.map((m) => m.uid));
        }
        expect(got, `${sort} ${order}`).toEqual(expected(sort, order));
      }
    }
  });

  it('refuses a sort key or order that is not allowed', async () => {
    for (const [sort, order, field] of [
      ['cc', 'asc', 'sort'],
      ['SUBJECT)(', 'asc', 'sort'],
      ['size', 'sideways', 'order'],
    ] as const) {
      const res = await page(encodeURIComponent(sort), order);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field } });
    }
  });

  it('ESORT, plain SORT and the fallback agree with each other and the expected order', async () => {
    const lock = await me.probe.getMailboxLock('INBOX', { readOnly: true });
    try {
      for (const key of Object.keys(ASCENDING) as ServerSortKey[]) {
        for (const order of ['asc', 'desc'] as const) {
          for (const mode of ['esort', 'sort', 'fallback'] as SortMode[]) {
            expect([...(await sortedUids(me.probe, key, order, mode))], `${key} ${order} ${mode}`).toEqual(expected(key, order));
          }
        }
      }
    } finally {
      lock.release();
    }
  });

  it('a new message shows up in a sorted list already cached', async () => {
    await page('size', 'desc');
    const [big] = await appendAll(me.probe, 'INBOX', [plainMessage('y'.repeat(5000), { subject: 'Huge' })]);
    const p = messagePageSchema.parse((await page('size', 'desc')).json);
    expect(p.total).toBe(SAMPLE.length + 1);
    expect(p.items[0]!.uid).toBe(big);
  });
});

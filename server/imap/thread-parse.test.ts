import { describe, expect, it } from 'vitest';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { parseThreadResponse } from './thread-parse.js';

/** A raw `* THREAD` line through imapflow's own parser, as rawCommand hands it over. */
async function attributesOf(line: string): Promise<unknown[]> {
  const parsed = (await parser(Buffer.from(line))) as { command?: string; attributes?: unknown[] };
  expect(parsed.command).toBe('THREAD');
  return parsed.attributes ?? [];
}

const parse = async (line: string) => parseThreadResponse(await attributesOf(line));

describe('parseThreadResponse', () => {
  it('reads the example of RFC 5256 §4', async () => {
    // 2 alone; 3 → 6 → {4 → 23, 44 → 7 → 96}
    expect(await parse('* THREAD (2)(3 6 (4 23)(44 7 96))')).toEqual({
      uids: [2, 3, 6, 4, 23, 44, 7, 96],
      depths: [0, 0, 1, 2, 3, 2, 3, 4],
      starts: [0, 1],
    });
  });

  it('puts the children of a missing parent side by side at its depth', async () => {
    expect(await parse('* THREAD ((3)(5))(7 8)')).toEqual({ uids: [3, 5, 7, 8], depths: [0, 0, 0, 1], starts: [0, 2] });
    // A missing parent below a real one: 2 and 3 stand where it would have.
    expect(await parse('* THREAD (1 ((2)(3 9))(4))')).toEqual({ uids: [1, 2, 3, 9, 4], depths: [0, 1, 1, 2, 1], starts: [0] });
  });

  it('reads an empty answer as no threads', async () => {
    expect(await parse('* THREAD')).toEqual({ uids: [], depths: [], starts: [] });
  });

  it('walks a long chain without recursion', async () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const flat = await parse(`* THREAD (${chain.join(' ')})`);
    expect(flat.uids).toEqual(chain);
    expect(flat.depths[19_999]).toBe(19_999);
    expect(flat.starts).toEqual([0]);
  });

  it('refuses answers that are not thread lists of UIDs', async () => {
    for (const bad of ['* THREAD (1 x)', '* THREAD (0)', '* THREAD (1 (2) 3)', '* THREAD (1 99999999999)', '* THREAD 4']) {
      await expect(parse(bad), bad).rejects.toThrow();
    }
  });
});

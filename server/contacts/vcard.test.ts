import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts.js';
import { parseVCards, writeVCards } from './vcard.js';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

const GROUPS = new Map([
  ['00000000-0000-4000-8000-0000000000a1', 'Friends'],
  ['00000000-0000-4000-8000-0000000000a2', 'Famille, élargie'],
]);
const groupName = (id: string) => GROUPS.get(id);

const zoe: Contact = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Zoë Ünal-Łukasiewicz',
  emails: [
    { address: 'zoe@example.org', label: 'home' },
    { address: 'z.unal@work.example', label: 'work' },
    { address: 'zoe.other@example.net', label: '' },
    { address: 'zoe@lake.example', label: 'Cottage, by the lake; "summer"' },
  ],
  phones: [
    { number: '+33 6 12 34 56 78', label: 'mobile' },
    { number: '+33 1 23 45 67 89', label: 'work' },
    { number: '+33 1 00 00 00 00', label: 'fax' },
    { number: '+33 4 00 00 00 00', label: 'other' },
  ],
  notes: `Met at the conference; likes "long" notes.\nSecond line, with a comma. ${'A long line that must be folded. '.repeat(5)}`,
  groups: ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'],
};
const unnamed: Contact = { id: '22222222-2222-4222-8222-222222222222', name: '', emails: [{ address: 'noname@example.org', label: '' }], phones: [], notes: '', groups: [] };
const japanese: Contact = { id: '33333333-3333-4333-8333-333333333333', name: '山田 太郎', emails: [{ address: 'taro@example.jp', label: 'work' }], phones: [], notes: '', groups: [] };

/** What a written contact reads back as: everything but the id, groups by name. */
const expected = (c: Contact) => ({ name: c.name, emails: c.emails, phones: c.phones, notes: c.notes, groupNames: c.groups.map((g) => GROUPS.get(g)) });

describe('vCard round trip', () => {
  for (const version of ['3.0', '4.0'] as const) {
    it(`writes ${version} that reads back the same: non-ASCII names, several EMAIL and TEL with TYPE, notes, groups`, () => {
      const text = writeVCards([zoe, unnamed, japanese], groupName, version);
      expect(text).toContain(`VERSION:${version}\r\n`);
      expect(text.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(3);
      // Long lines are folded at 75 octets (RFC 6350 §3.2), and UTF-8 sequences are never cut.
      const lines = text.split('\r\n');
      expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
      expect(lines.some((l) => l.startsWith(' '))).toBe(true);
      const parsed = parseVCards(text);
      expect(parsed.skipped).toEqual([]);
      expect(parsed.entries.map(({ line: _line, ...rest }) => rest)).toEqual([zoe, unnamed, japanese].map(expected));
    });
  }

  it('writes the types each version expects: cell for mobile, VALUE=text for a 4.0 number, N from the name, X-ABLabel for the rest', () => {
    const v3 = writeVCards([zoe], groupName, '3.0');
    const v4 = writeVCards([zoe], groupName, '4.0');
    expect(v3).toMatch(/^ITEM1\.EMAIL:zoe@lake\.example\r\nITEM1\.X-ABLABEL:Cottage, by the lake; "summer"\r$/m);
    expect(v4).toMatch(/^ITEM2\.TEL;VALUE=TEXT:\+33 4 00 00 00 00\r\nITEM2\.X-ABLABEL:other\r$/m);
    expect(v3).toMatch(/^TEL;TYPE=cell:\+33 6 12 34 56 78\r$/m);
    expect(v4).toMatch(/^TEL;TYPE=cell;VALUE=TEXT:\+33 6 12 34 56 78\r$/m);
    expect(v3).toMatch(/^N:Ünal-Łukasiewicz;Zoë;;;\r$/m);
    expect(v4).toMatch(/^CATEGORIES:Friends,Famille\\, élargie\r$/m);
    expect(v4).toContain(`UID:urn:uuid:${zoe.id}`);
  });
});

describe('reading vCards from other programs', () => {
  it('reads folded lines, lower-case and repeated TYPE params, tel: URIs, N without FN, and LF line ends', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lovelace;Ada;King;Lady;',
      'EMAIL;type=INTERNET;type=WORK;type=pref:ada@analytical.example',
      'EMAIL;TYPE=INTERNET:ada@home.example',
      'TEL;TYPE=CELL,VOICE:+44 20 7946 0000',
      'NOTE:First line\\nsecond line which is long enough to be folded by a writer t',
      ' hat folds at seventy-five',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Grace Hopper',
      'EMAIL;PREF=1;TYPE=home:grace@example.org',
      'TEL;VALUE=uri;TYPE="voice,home":tel:+1-202-555-0100',
      'CATEGORIES:Navy,Computing',
      'END:VCARD',
    ].join('\n');
    const { entries, skipped } = parseVCards(text);
    expect(skipped).toEqual([]);
    expect(entries).toEqual([
      {
        line: 1,
        name: 'Lady Ada King Lovelace',
        emails: [
          { address: 'ada@analytical.example', label: 'work' },
          { address: 'ada@home.example', label: '' },
        ],
        phones: [{ number: '+44 20 7946 0000', label: 'mobile' }],
        notes: 'First line\nsecond line which is long enough to be folded by a writer that folds at seventy-five',
        groupNames: [],
      },
      {
        line: 10,
        name: 'Grace Hopper',
        emails: [{ address: 'grace@example.org', label: 'home' }],
        phones: [{ number: '+1-202-555-0100', label: 'home' }],
        notes: '',
        groupNames: ['Navy', 'Computing'],
      },
    ]);
  });
});

describe('labels from Apple and Google exports', () => {
  it("reads X-ABLabel in the property's group, Apple's _$!<…>!$_ words included", () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Tim',
      'item1.EMAIL;type=INTERNET:tim@cottage.example',
      'item1.X-ABLabel:Cottage',
      'item2.TEL:+1 555 0100',
      'item2.X-ABLabel:_$!<Mobile>!$_',
      'EMAIL;type=INTERNET;type=HOME;type=pref:tim@home.example',
      'END:VCARD',
    ]);
    const { entries } = parseVCards(text);
    expect(entries[0]).toMatchObject({
      emails: [
        { address: 'tim@cottage.example', label: 'Cottage' },
        { address: 'tim@home.example', label: 'home' },
      ],
      phones: [{ number: '+1 555 0100', label: 'mobile' }],
    });
  });
});

describe('malformed vCard files', () => {
  it('imports the good cards and reports each bad one by the line it starts on', () => {
    const text = crlf([
      'BEGIN:VCARD', //  1: good
      'VERSION:3.0',
      'FN:Good One',
      'EMAIL:one@example.org',
      'END:VCARD',
      'this is not a vCard line', //  6: garbage between cards
      '', //  7: blank lines are not reported
      'BEGIN:VCARD', //  8: never ends: the next BEGIN comes first
      'VERSION:3.0',
      'FN:No End',
      'BEGIN:VCARD', // 11: good
      'VERSION:4.0',
      'FN:Good Two',
      'END:VCARD',
      'BEGIN:VCARD', // 15: a line ical.js refuses (no colon)
      'VERSION:3.0',
      'FN:Broken',
      'garbage inside a card',
      'END:VCARD',
      'END:VCARD', // 20: an END with no card
      'BEGIN:VCARD', // 21: good, with neither FN nor EMAIL (checked later, not by the reader)
      'VERSION:3.0',
      'TEL:+1 555 0100',
      'END:VCARD',
      'BEGIN:VCARD', // 25: cut off at the end of the file
      'VERSION:3.0',
      'FN:Truncated',
    ]);
    const { entries, skipped } = parseVCards(text);
    expect(entries.map((e) => [e.line, e.name])).toEqual([
      [1, 'Good One'],
      [11, 'Good Two'],
      [21, ''],
    ]);
    expect(skipped).toEqual([
      { line: 6, reason: 'OUTSIDE_CARD' },
      { line: 8, reason: 'NO_END' },
      { line: 15, reason: 'UNPARSABLE' },
      { line: 20, reason: 'OUTSIDE_CARD' },
      { line: 25, reason: 'NO_END' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts.js';
import { parseCsv, writeCsv } from './csv.js';

describe('CSV from Google Contacts', () => {
  it('reads the current export: name parts, labelled values, " ::: " lists, labels as groups, quoted commas and newlines', () => {
    const text = [
      'First Name,Middle Name,Last Name,Nickname,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value',
      'Ada,,Lovelace,,"Wrote the first program, arguably.\nLine two.",* myContacts ::: Friends ::: Mathematicians,* Home,ada@home.example ::: ada@other.example,Work,ada@work.example,Mobile,+44 20 7946 0000',
      'Élodie,,Durand,,,* myContacts,,elodie@example.fr,,,,',
    ].join('\r\n');
    const { entries, skipped } = parseCsv(text);
    expect(skipped).toEqual([]);
    expect(entries).toEqual([
      {
        line: 2,
        name: 'Ada Lovelace',
        emails: [
          { address: 'ada@home.example', label: 'home' },
          { address: 'ada@other.example', label: 'home' },
          { address: 'ada@work.example', label: 'work' },
        ],
        phones: [{ number: '+44 20 7946 0000', label: 'mobile' }],
        notes: 'Wrote the first program, arguably.\nLine two.',
        groupNames: ['Friends', 'Mathematicians'],
      },
      // Line 4: the quoted newline in the row above makes it so.
      { line: 4, name: 'Élodie Durand', emails: [{ address: 'elodie@example.fr', label: '' }], phones: [], notes: '', groupNames: [] },
    ]);
  });

  it('reads the older export (Name, E-mail 1 - Type, Group Membership)', () => {
    const text = 'Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\nGrace Hopper,Grace,Hopper,* myContacts ::: Navy,* Work,grace@navy.example\n';
    expect(parseCsv(text).entries).toEqual([
      { line: 2, name: 'Grace Hopper', emails: [{ address: 'grace@navy.example', label: 'work' }], phones: [], notes: '', groupNames: ['Navy'] },
    ]);
  });
});

describe('CSV from Outlook', () => {
  it('reads numbered address columns, typed phone columns and ";" categories, ignoring the address type', () => {
    const text = [
      'Title,First Name,Middle Name,Last Name,Suffix,Company,Business Phone,Home Phone,Mobile Phone,Business Fax,Categories,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 2 Type,Notes',
      'Mr.,John,Q.,"Public, Jr.",,Acme,+1 555 0100,,+1 555 0199,+1 555 0101,Work;Golf,john@acme.example,SMTP,John Public (john@acme.example),jq@home.example,SMTP,',
      ',,,,,Acme Corp,+1 555 0000,,,,,info@acme.example,SMTP,,,,Company only',
    ].join('\r\n');
    const { entries, skipped } = parseCsv(text);
    expect(skipped).toEqual([]);
    expect(entries).toEqual([
      {
        line: 2,
        name: 'John Q. Public, Jr.',
        emails: [
          { address: 'john@acme.example', label: '' },
          { address: 'jq@home.example', label: '' },
        ],
        phones: [
          { number: '+1 555 0100', label: 'work' },
          { number: '+1 555 0199', label: 'mobile' },
          { number: '+1 555 0101', label: 'fax' },
        ],
        notes: '',
        groupNames: ['Work', 'Golf'],
      },
      { line: 3, name: 'Acme Corp', emails: [{ address: 'info@acme.example', label: '' }], phones: [{ number: '+1 555 0000', label: 'work' }], notes: 'Company only', groupNames: [] },
    ]);
  });

  it('guesses a semicolon delimiter (European Excel)', () => {
    const { entries } = parseCsv('Name;E-mail Address\r\n"Müller; Hans";hans@example.de\r\n');
    expect(entries.map((e) => [e.name, e.emails[0]?.address])).toEqual([['Müller; Hans', 'hans@example.de']]);
  });
});

describe('malformed CSV', () => {
  it('imports the good rows and reports short rows, extra cells and an unclosed quote by their first line', () => {
    const text = [
      'Name,E-mail 1 - Value,Notes', // 1
      'Good One,one@example.org,"a note', // 2: a quoted newline…
      'that spans two lines"', // 3
      'Short Row', // 4: lost its cells
      '', // 5: blank, ignored
      'Good Two,two@example.org,', // 6
      'Too Many,many@example.org,note,surprise', // 7: an extra cell that is not empty
      'Trailing,trailing@example.org,note,', // 8: an extra empty cell is harmless
      'Broken,"never closed,x', // 9: swallows the rest of the file
      'Lost,lost@example.org,',
    ].join('\n');
    const { entries, skipped } = parseCsv(text);
    expect(entries.map((e) => [e.line, e.name])).toEqual([
      [2, 'Good One'],
      [6, 'Good Two'],
      [8, 'Trailing'],
    ]);
    expect(entries[0]!.notes).toBe('a note\nthat spans two lines');
    expect(skipped).toEqual([
      { line: 4, reason: 'COLUMN_COUNT' },
      { line: 7, reason: 'COLUMN_COUNT' },
      { line: 9, reason: 'UNCLOSED_QUOTE' },
    ]);
  });

  it('reports a header it cannot map once, instead of every row', () => {
    expect(parseCsv('Foo,Bar\n1,2\n3,4\n')).toEqual({ entries: [], skipped: [{ line: 1, reason: 'UNKNOWN_COLUMNS' }] });
  });
});

describe('our CSV export', () => {
  const contacts: Contact[] = [
    {
      id: '11111111-1111-4111-8111-111111111111',
      name: '=HYPERLINK("http://evil.example","click")',
      emails: [
        { address: 'a@example.org', label: 'home' },
        { address: 'b@example.org', label: 'Cottage, by the lake' },
      ],
      phones: [{ number: '+33 6 12 34 56 78', label: 'mobile' }],
      notes: 'Line one\nLine "two", with quotes',
      groups: ['g1', 'g2'],
    },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Zoë', emails: [], phones: [{ number: '-12', label: '' }], notes: '', groups: [] },
  ];
  const names = new Map([
    ['g1', 'Friends'],
    ['g2', 'Family'],
  ]);

  it('uses Google column names, a BOM, and reads back to the same contacts', () => {
    const text = writeCsv(contacts, (id) => names.get(id));
    expect(text.startsWith('\uFEFFName,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Notes,Groups\r\n')).toBe(true);
    const { entries, skipped } = parseCsv(text.slice(1));
    expect(skipped).toEqual([]);
    expect(entries.map(({ line: _l, ...rest }) => rest)).toEqual(
      contacts.map((c) => ({ name: c.name, emails: c.emails, phones: c.phones, notes: c.notes, groupNames: c.groups.map((g) => names.get(g)) })),
    );
  });

  it('keeps a spreadsheet from running a cell as a formula, but leaves phone numbers alone', () => {
    const text = writeCsv(contacts, (id) => names.get(id));
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain(',+33 6 12 34 56 78,');
    expect(text).toContain(',-12,');
  });
});

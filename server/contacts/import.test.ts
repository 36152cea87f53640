import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { checkEntry, decodeFile, detectFormat, importFile } from './import.js';
import { SqliteContactsStore } from '../store/contacts/sqlite.js';

const raw = (over: Partial<Parameters<typeof checkEntry>[0]> = {}) => ({ line: 3, name: '', emails: [], phones: [], notes: '', groupNames: [], ...over });

describe('decodeFile', () => {
  it('reads UTF-8, falls back to Windows-1252, and follows a UTF-16 BOM', () => {
    expect(decodeFile(Buffer.from('Zoë', 'utf8'))).toBe('Zoë');
    expect(decodeFile(Buffer.from([0x5a, 0x6f, 0xeb, 0x80]))).toBe('Zoë€');
    expect(decodeFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë', 'utf16le')]))).toBe('Zoë');
  });
});

describe('detectFormat', () => {
  it('finds a card even after junk, and takes anything else for CSV', () => {
    expect(detectFormat('junk\r\nbegin:vcard\r\nFN:x\r\nEND:VCARD')).toBe('vcard');
    expect(detectFormat('Name,Notes\nBEGIN:VCARD in a cell,x')).toBe('csv');
  });
});

describe('checkEntry', () => {
  it('cleans an entry: one-line name, mailto: removed, repeated addresses once, empty phones dropped, groups once', () => {
    expect(
      checkEntry(
        raw({
          name: ' Ada\tLovelace\n',
          emails: [
            { address: 'mailto:ada@example.org', label: 'home' },
            { address: 'ADA@example.org', label: 'work' },
            { address: ' ', label: '' },
          ],
          phones: [
            { number: '', label: 'home' },
            { number: '+44 1', label: 'x'.repeat(80) },
          ],
          notes: 'a\r\nb',
          groupNames: ['Friends', 'friends', ' '],
        }),
      ),
    ).toEqual({
      line: 3,
      name: 'Ada Lovelace',
      emails: [{ address: 'ada@example.org', label: 'home' }],
      phones: [{ number: '+44 1', label: 'x'.repeat(50) }],
      notes: 'a\nb',
      groupNames: ['Friends'],
    });
  });

  it('says why an entry cannot be imported', () => {
    expect(checkEntry(raw({ phones: [{ number: '1', label: '' }] }))).toEqual({ line: 3, reason: 'NO_NAME_OR_EMAIL' });
    expect(checkEntry(raw({ name: 'X', emails: [{ address: 'not an address', label: '' }] }))).toEqual({ line: 3, reason: 'INVALID_EMAIL' });
    expect(checkEntry(raw({ name: 'x'.repeat(201) }))).toEqual({ line: 3, reason: 'TOO_LONG' });
    expect(checkEntry(raw({ name: 'X', notes: 'n'.repeat(10_001) }))).toEqual({ line: 3, reason: 'TOO_LONG' });
  });
});

describe('importFile', () => {
  const temp = useTempDatabase('contacts-import-');

  it('imports the good cards of a damaged file and reports every other one, in line order', async () => {
    const store = new SqliteContactsStore(temp.db);
    const file = [
      'BEGIN:VCARD', // 1
      'VERSION:3.0',
      'FN:Good',
      'EMAIL:good@example.org',
      'END:VCARD',
      'BEGIN:VCARD', // 6: neither a name nor an address
      'VERSION:3.0',
      'TEL:+1 555 0100',
      'END:VCARD',
      '<html>oops</html>', // 10
      'BEGIN:VCARD', // 11: a bad address
      'VERSION:4.0',
      'FN:Bad Address',
      'EMAIL:nobody',
      'END:VCARD',
      'BEGIN:VCARD', // 16: no END
      'FN:Cut',
    ].join('\r\n');
    const result = await importFile(store, 'alice@example.test', Buffer.from(file));
    expect(result).toEqual({
      imported: 1,
      skipped: [
        { line: 6, reason: 'NO_NAME_OR_EMAIL' },
        { line: 10, reason: 'OUTSIDE_CARD' },
        { line: 11, reason: 'INVALID_EMAIL' },
        { line: 16, reason: 'NO_END' },
      ],
      skippedTotal: 4,
    });
    expect((await store.list('alice@example.test', { q: '', limit: 10, offset: 0 })).contacts.map((c) => c.name)).toEqual(['Good']);
    // The same file again adds nothing: the good card is now a duplicate.
    expect((await importFile(store, 'alice@example.test', Buffer.from(file))).skipped[0]).toEqual({ line: 1, reason: 'DUPLICATE' });
  });

  it('refuses an empty file with a clear error', async () => {
    await expect(importFile(new SqliteContactsStore(temp.db), 'a@example.test', Buffer.from('\uFEFF \r\n'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

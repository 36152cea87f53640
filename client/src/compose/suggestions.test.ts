import { describe, expect, it } from 'vitest';
import { mergeSuggestions } from './suggestions.js';

const G = '00000000-0000-4000-8000-000000000001';
const C = '00000000-0000-4000-8000-000000000002';

describe('mergeSuggestions', () => {
  it('lists the address book first, then groups, then addresses seen in mail, each address once', () => {
    const options = mergeSuggestions(
      [
        { kind: 'group', groupId: G, name: 'Team', members: [{ name: 'Ann', address: 'ann@example.org' }] },
        { kind: 'contact', contactId: C, name: 'Ann Lee', address: 'ann@example.org' },
      ],
      [
        { name: 'Ann (from mail)', address: 'ANN@example.org' },
        { name: 'Anne', address: 'anne@example.org' },
      ],
      [],
    );
    expect(options).toEqual([
      { kind: 'address', key: 'address:ann@example.org', name: 'Ann Lee', address: 'ann@example.org' },
      { kind: 'group', key: `group:${G}`, name: 'Team', members: [{ name: 'Ann', address: 'ann@example.org' }] },
      { kind: 'address', key: 'address:anne@example.org', name: 'Anne', address: 'anne@example.org' },
    ]);
  });

  it('leaves out chips already in the field, and groups with nothing new to add; caps the list', () => {
    const chosen = [{ name: '', address: 'ann@example.org' }];
    const options = mergeSuggestions(
      [
        { kind: 'contact', contactId: C, name: 'Ann Lee', address: 'ann@example.org' },
        { kind: 'group', groupId: G, name: 'Just Ann', members: [{ name: 'Ann', address: 'ann@EXAMPLE.org' }] },
      ],
      Array.from({ length: 12 }, (_, i) => ({ name: '', address: `p${i}@example.org` })),
      chosen,
    );
    expect(options.map((o) => o.key)).toEqual(Array.from({ length: 8 }, (_, i) => `address:p${i}@example.org`));
  });
});

import { describe, expect, it } from 'vitest';
import { blankDraft, draftSchema } from './compose.js';
import { defaultIdentity, identityInputSchema, type Identity } from './identities.js';

describe('the draft contract with identities', () => {
  it('still accepts a draft saved before identities (no identityId) and one with null', () => {
    const { identityId: _omitted, ...old } = blankDraft('d'.repeat(24), { name: '', address: 'me@example.test' });
    expect(draftSchema.safeParse(old).success).toBe(true);
    expect(draftSchema.safeParse({ ...old, identityId: null }).success).toBe(true);
    expect(draftSchema.safeParse({ ...old, identityId: 'Abc_123-xyz' }).success).toBe(true);
  });

  it('refuses an identity id that could carry anything but an id', () => {
    const draft = blankDraft('d'.repeat(24), { name: '', address: 'me@example.test' });
    expect(draftSchema.safeParse({ ...draft, identityId: '../../x' }).success).toBe(false);
    expect(draftSchema.safeParse({ ...draft, identityId: 'short' }).success).toBe(false);
  });
});

describe('identity input', () => {
  it('trims, and turns an empty Reply-To into none', () => {
    const parsed = identityInputSchema.parse({ name: ' Sales ', address: ' sales@example.test ', replyTo: '  ', signature: { format: 'text', body: '' } });
    expect(parsed).toMatchObject({ name: 'Sales', address: 'sales@example.test', replyTo: null });
  });
});

describe('defaultIdentity', () => {
  const id = (n: string, isDefault: boolean): Identity => ({ id: n.padEnd(8, 'x'), name: n, address: `${n}@x.org`, replyTo: null, signature: { format: 'text', body: '' }, isDefault });
  it('is the one marked default, else the first, else none', () => {
    expect(defaultIdentity([id('a', false), id('b', true)])?.name).toBe('b');
    expect(defaultIdentity([id('a', false), id('b', false)])?.name).toBe('a');
    expect(defaultIdentity([])).toBeNull();
  });
});

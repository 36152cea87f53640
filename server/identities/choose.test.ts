import { describe, expect, it } from 'vitest';
import type { Identity } from '../../shared/identities.js';
import { chooseIdentity, headerAddress, type OriginalAddresses } from './choose.js';

const identity = (id: string, address: string, isDefault = false): Identity => ({
  id: id.padEnd(8, '0'), name: id, address, replyTo: null, signature: { format: 'text', body: '' }, isDefault,
});
const login = identity('login', 'alice@example.test', true);
const sales = identity('sales', 'sales@example.test');
const support = identity('support', 'support@example.test');
const all = [login, sales, support];
const a = (address: string, name = '') => ({ name, address });
const orig = (over: Partial<OriginalAddresses>): OriginalAddresses => ({ from: a('bob@example.org'), to: [], cc: [], deliveredTo: [], ...over });

describe('the identity a reply starts with', () => {
  it('is the one the original was sent to, To before Cc, whatever the case', () => {
    expect(chooseIdentity(all, 'reply', orig({ to: [a('someone@x.org'), a('SALES@Example.test', 'Sales')] }))).toBe(sales);
    expect(chooseIdentity(all, 'replyAll', orig({ to: [a('someone@x.org')], cc: [a('support@example.test')] }))).toBe(support);
    expect(chooseIdentity(all, 'reply', orig({ to: [a('support@example.test')], cc: [a('sales@example.test')] }))).toBe(support);
    expect(chooseIdentity(all, 'forward', orig({ to: [a('sales@example.test')] }))).toBe(sales);
  });

  it('falls back to Delivered-To, then X-Original-To, when the original was sent to a list or as Bcc', () => {
    const list = [a('team@lists.example.org')];
    expect(chooseIdentity(all, 'reply', orig({ to: list, deliveredTo: ['support@example.test', 'sales@example.test'] }))).toBe(support);
    expect(chooseIdentity(all, 'reply', orig({ to: list, deliveredTo: [undefined, '<sales@example.test>'] }))).toBe(sales);
  });

  it('answering one\'s own message from Sent keeps the identity it was sent as; "edit as new" too', () => {
    const mine = orig({ from: a('support@example.test'), to: [a('bob@example.org')] });
    expect(chooseIdentity(all, 'reply', mine)).toBe(support);
    expect(chooseIdentity(all, 'editAsNew', mine)).toBe(support);
    // Edit as new repeats the sender, even when the message went to another identity of mine.
    expect(chooseIdentity(all, 'editAsNew', orig({ from: a('support@example.test'), to: [a('sales@example.test')] }))).toBe(support);
  });

  it('is the default when no identity of mine is named anywhere', () => {
    const salesDefault = [{ ...login, isDefault: false }, { ...sales, isDefault: true }, support];
    expect(chooseIdentity(all, 'reply', orig({ to: [a('other@x.org')] }))).toBe(login);
    expect(chooseIdentity(salesDefault, 'reply', orig({ to: [a('other@x.org')] }))).toBe(salesDefault[1]);
    expect(chooseIdentity([], 'reply', orig({}))).toBeNull();
  });

  it('among identities sharing an address, prefers the default, else the oldest', () => {
    const work = identity('work', 'alice@example.test');
    expect(chooseIdentity([{ ...login, isDefault: false }, work, { ...sales, isDefault: true }], 'reply', orig({ to: [a('alice@example.test')] }))?.id).toBe(login.id);
    expect(chooseIdentity([work, login], 'reply', orig({ to: [a('alice@example.test')] }))).toBe(login);
  });
});

describe('headerAddress', () => {
  it('reads the address of a Delivered-To style value', () => {
    expect(headerAddress('sales@example.test')).toBe('sales@example.test');
    expect(headerAddress(' <sales@example.test> ')).toBe('sales@example.test');
    expect(headerAddress('not an address')).toBeNull();
    expect(headerAddress(undefined)).toBeNull();
  });
});

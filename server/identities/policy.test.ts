import { describe, expect, it } from 'vitest';
import { identityInputSchema } from '../../shared/identities.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { addressAllowed, checkIdentityInput } from './policy.js';

const LOGIN = 'alice@example.test';

function refusal(fn: () => unknown): { code: string; field: string | undefined; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, field: err.extra.field, message: err.message };
    throw err;
  }
  throw new Error('expected an AppError');
}

const input = (over: Record<string, unknown> = {}) =>
  identityInputSchema.parse({ name: ' Sales ', address: 'sales@example.test', replyTo: '', signature: { format: 'text', body: 'Sales' }, ...over });

describe('the identity address policy', () => {
  it('login: only the sign-in address, in any case', () => {
    expect(addressAllowed('login', LOGIN, 'alice@example.test')).toBe(true);
    expect(addressAllowed('login', LOGIN, 'ALICE@EXAMPLE.TEST')).toBe(true);
    expect(addressAllowed('login', LOGIN, 'sales@example.test')).toBe(false);
  });

  it('domain: any address of the sign-in domain, IDN typed either way, but not a subdomain or a look-alike', () => {
    expect(addressAllowed('domain', LOGIN, 'sales@Example.TEST')).toBe(true);
    expect(addressAllowed('domain', LOGIN, 'sales@mail.example.test')).toBe(false);
    expect(addressAllowed('domain', LOGIN, 'sales@example.test.evil.example')).toBe(false);
    expect(addressAllowed('domain', 'anna@münchen.de', 'info@xn--mnchen-3ya.de')).toBe(true);
  });

  it('any: every valid address, but never an invalid one', () => {
    expect(addressAllowed('any', LOGIN, 'someone@elsewhere.example')).toBe(true);
    expect(addressAllowed('any', LOGIN, 'not an address')).toBe(false);
    expect(addressAllowed('any', LOGIN, 'Name <x@example.test>')).toBe(false);
  });

  it('checks an identity body: the address allowed, the Reply-To valid, each refusal naming its field', () => {
    expect(checkIdentityInput(input(), LOGIN, 'domain')).toEqual({ name: 'Sales', address: 'sales@example.test', replyTo: null, signature: { format: 'text', body: 'Sales' } });
    expect(checkIdentityInput(input({ replyTo: ' orders@Shop.Example ' }), LOGIN, 'any').replyTo).toBe('orders@shop.example');
    const outside = refusal(() => checkIdentityInput(input({ address: 'sales@elsewhere.example' }), LOGIN, 'domain'));
    expect(outside).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
    expect(outside.message).toContain('@example.test');
    expect(refusal(() => checkIdentityInput(input(), LOGIN, 'login'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
    expect(refusal(() => checkIdentityInput(input({ address: 'sales@' }), LOGIN, 'any'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'address' });
    expect(refusal(() => checkIdentityInput(input({ replyTo: 'orders' }), LOGIN, 'domain'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'replyTo' });
  });

  it('refuses header injection and oversized signatures at the schema', () => {
    expect(identityInputSchema.safeParse({ ...input(), name: 'Sales\r\nBcc: x@example.test' }).success).toBe(false);
    const big = identityInputSchema.safeParse({ ...input(), signature: { format: 'html', body: 'x'.repeat(64 * 1024 + 1) } });
    expect(big.success).toBe(false);
    const longText = identityInputSchema.safeParse({ ...input(), signature: { format: 'text', body: 'x'.repeat(10_001) } });
    expect(!longText.success && longText.error.issues[0]!.path).toEqual(['signature', 'body']);
  });
});

describe('WEBMAIL_IDENTITY_ADDRESSES', () => {
  const base = { WEBMAIL_IMAP_HOST: 'imap.example.com', WEBMAIL_SESSION_SECRET: 'x'.repeat(40) };

  it('defaults to the login domain and takes login or any', () => {
    expect(loadConfig(base).identities.addresses).toBe('domain');
    expect(loadConfig({ ...base, WEBMAIL_IDENTITY_ADDRESSES: 'login' }).identities.addresses).toBe('login');
    expect(loadConfig({ ...base, WEBMAIL_IDENTITY_ADDRESSES: 'any' }).identities.addresses).toBe('any');
  });

  it('names itself when the value is wrong', () => {
    expect(() => loadConfig({ ...base, WEBMAIL_IDENTITY_ADDRESSES: 'everyone' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, WEBMAIL_IDENTITY_ADDRESSES: 'everyone' })).toThrow(/WEBMAIL_IDENTITY_ADDRESSES/);
  });
});

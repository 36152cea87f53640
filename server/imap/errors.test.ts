import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { toAppError } from './errors.js';

describe('IMAP errors become codes, by structure and never by text', () => {
  it('maps authentication, reachability, TLS and missing mailboxes', () => {
    expect(toAppError({ authenticationFailed: true }).code).toBe('AUTH_FAILED');
    expect(toAppError({ serverResponseCode: 'AUTHENTICATIONFAILED' }).code).toBe('AUTH_FAILED');
    expect(toAppError({ code: 'ECONNREFUSED' }).code).toBe('IMAP_UNAVAILABLE');
    expect(toAppError({ code: 'NoConnection' }).code).toBe('IMAP_UNAVAILABLE');
    expect(toAppError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }).code).toBe('IMAP_UNAVAILABLE');
    expect(toAppError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }).code).toBe('IMAP_UNAVAILABLE');
    expect(toAppError({ mailboxMissing: true }, { mailbox: 'Nope' })).toMatchObject({ code: 'MAILBOX_NOT_FOUND', message: 'No mailbox named "Nope".' });
    expect(toAppError({ serverResponseCode: 'NONEXISTENT' }).code).toBe('MAILBOX_NOT_FOUND');
  });

  it('maps ALREADYEXISTS (RFC 5530) to FOLDER_EXISTS', () => {
    expect(toAppError({ serverResponseCode: 'ALREADYEXISTS', responseStatus: 'NO' }).code).toBe('FOLDER_EXISTS');
  });

  it('anything else is IMAP_ERROR, whose message never carries the server text', () => {
    const err = toAppError(Object.assign(new Error('NO secret internal detail'), { responseStatus: 'NO' }));
    expect(err.code).toBe('IMAP_ERROR');
    expect(err.message).not.toContain('secret');
    expect(toAppError(undefined).code).toBe('IMAP_ERROR');
  });

  it('passes AppErrors through untouched', () => {
    const original = new AppError('MESSAGE_NOT_FOUND', 'x');
    expect(toAppError(original)).toBe(original);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { LineError } from '../net/errors.js';
import { isLinkDown, toAppError } from './errors.js';

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

describe('a dropped link is told apart from everything else', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it('socket, imapflow and line-socket codes of a link that went away, bare or wrapped by toAppError', () => {
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectTLS', 'CONNECT_TIMEOUT']) {
      expect(isLinkDown(coded(code)), code).toBe(true);
      expect(isLinkDown(toAppError(coded(code))), `${code} wrapped`).toBe(true);
    }
    expect(isLinkDown(new LineError('LINE_CLOSED', 'closed'))).toBe(true);
    expect(isLinkDown(new LineError('LINE_TIMEOUT', 'idle'))).toBe(true);
  });

  it('refusals, certificates, injection and plain bugs are not', () => {
    expect(isLinkDown(toAppError({ authenticationFailed: true }))).toBe(false);
    expect(isLinkDown(toAppError({ serverResponseCode: 'UNAVAILABLE' }))).toBe(false);
    expect(isLinkDown(toAppError({ mailboxMissing: true }))).toBe(false);
    expect(isLinkDown(toAppError(coded('DEPTH_ZERO_SELF_SIGNED_CERT')))).toBe(false);
    expect(isLinkDown(new LineError('STARTTLS_INJECTION', 'injected'))).toBe(false);
    expect(isLinkDown(new LineError('LINE_TOO_LONG', 'flood'))).toBe(false);
    expect(isLinkDown(new TypeError("Cannot read properties of undefined (reading 'path')"))).toBe(false);
    expect(isLinkDown(Object.assign(new Error('Command failed'), { responseStatus: 'NO' }))).toBe(false);
    expect(isLinkDown(undefined)).toBe(false);
    expect(isLinkDown('ECONNRESET')).toBe(false);
  });

  it('never loops on a cause that points back at itself', () => {
    const e: Error & { cause?: unknown } = new Error('self');
    e.cause = e;
    expect(isLinkDown(e)).toBe(false);
  });
});

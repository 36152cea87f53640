import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { smtpToAppError } from './errors.js';

const code = (e: object) => smtpToAppError(Object.assign(new Error('ignored text'), e)).code;

describe('smtpToAppError', () => {
  it('maps by code and reply code, never by text', () => {
    expect(code({ code: 'EAUTH', responseCode: 535 })).toBe('SMTP_AUTH_FAILED');
    expect(code({ code: 'ENOAUTH' })).toBe('SMTP_AUTH_FAILED');
    expect(code({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).toBe('SMTP_UNAVAILABLE');
    expect(code({ code: 'ETIMEDOUT' })).toBe('SMTP_UNAVAILABLE');
    expect(code({ code: 'ETLS' })).toBe('SMTP_UNAVAILABLE');
    expect(code({ code: 'EDNS' })).toBe('SMTP_UNAVAILABLE');
    expect(code({ code: 'EENVELOPE', responseCode: 552, command: 'MAIL FROM' })).toBe('MESSAGE_TOO_LARGE');
    expect(code({ code: 'EMESSAGE', responseCode: 552 })).toBe('MESSAGE_TOO_LARGE');
    expect(code({ code: 'EMESSAGE', command: 'MAIL FROM' })).toBe('MESSAGE_TOO_LARGE');
    expect(code({ code: 'EENVELOPE', responseCode: 554, command: 'RCPT TO' })).toBe('SMTP_REJECTED');
    expect(code({ code: 'EENVELOPE', responseCode: 550 })).toBe('SMTP_REJECTED');
    expect(code({ code: 'EENVELOPE', responseCode: 553 })).toBe('SMTP_REJECTED');
    expect(code({ code: 'EENVELOPE', responseCode: 451 })).toBe('SMTP_UNAVAILABLE');
    expect(code({ message: 'Authentication failed' })).toBe('SMTP_UNAVAILABLE');
  });

  it('passes AppErrors through and keeps the cause', () => {
    const app = new AppError('INVALID_ADDRESS', 'x');
    expect(smtpToAppError(app)).toBe(app);
    const cause = Object.assign(new Error('x'), { code: 'EAUTH' });
    expect(smtpToAppError(cause).cause).toBe(cause);
  });
});

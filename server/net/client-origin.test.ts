import { describe, expect, it } from 'vitest';
import { originId } from '../imap/connect.js';
import { originFields, plainAddress, requestOrigin } from './client-origin.js';

describe('the browser address sent to the mail servers', () => {
  it('keeps IPv4 and IPv6 addresses, unmaps IPv4-mapped ones and drops a zone', () => {
    expect(plainAddress('192.0.2.7')).toBe('192.0.2.7');
    expect(plainAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(plainAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(plainAddress('::FFFF:127.0.0.5')).toBe('127.0.0.5');
    expect(plainAddress('fe80::1%eth0')).toBe('fe80::1');
  });

  it('refuses anything that is not an address, so no CR/LF, quote or space reaches a protocol line', () => {
    for (const bad of [undefined, '', 'unknown', '1.2.3.4\r\nA1 LOGOUT', '1.2.3.4" "x', '1.2.3.4 5', 'example.test']) {
      expect(plainAddress(bad)).toBeNull();
    }
    expect(originId({ ip: '1.2.3.4\r\nX' })).toEqual({});
  });

  it('sends the port only when the webmail saw the browser itself, not a proxy', () => {
    expect(requestOrigin({ ip: '::ffff:127.0.0.5', socket: { remoteAddress: '::ffff:127.0.0.5', remotePort: 40000 } }, 'ab12')).toEqual({ ip: '127.0.0.5', port: 40000, logId: 'ab12' });
    expect(requestOrigin({ ip: '198.51.100.9', socket: { remoteAddress: '127.0.0.1', remotePort: 40000 } })).toEqual({ ip: '198.51.100.9' });
    expect(requestOrigin({ ip: undefined, socket: {} })).toBeUndefined();
  });

  it('builds the RFC 2971 ID fields Dovecot reads, leaving out unchecked values', () => {
    expect(originId({ ip: '127.0.0.5', port: 40000, logId: '0123456789abcdef' })).toEqual({
      'x-originating-ip': '127.0.0.5',
      'x-originating-port': '40000',
      'x-session-id': '0123456789abcdef',
    });
    expect(originFields({ ip: '127.0.0.5', port: 70000, logId: 'NOT hex"' })).toEqual({ ip: '127.0.0.5' });
    expect(originId(undefined)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirectToHttps } from './redirect.js';
import { readCookie } from './cookies.js';

function redirect(url: string, host = 'evil.example'): { status: number; location: string } {
  const headers: Record<string, string> = {};
  const res = { statusCode: 0, setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v), end: () => undefined } as unknown as ServerResponse;
  redirectToHttps('mail.example.com')({ url, headers: { host } } as IncomingMessage, res);
  return { status: res.statusCode, location: headers.location! };
}

describe('HTTP → HTTPS redirect', () => {
  it('keeps path and query on the configured host, whatever the Host header says', () => {
    expect(redirect('/inbox?x=1')).toEqual({ status: 301, location: 'https://mail.example.com/inbox?x=1' });
  });
  it('cannot be turned into an open redirect', () => {
    expect(redirect('http://evil.example/x').location).toBe('https://mail.example.com/');
    expect(redirect('//evil.example/x').location).toBe('https://mail.example.com/');
  });
});

describe('cookie reading', () => {
  it('finds the cookie and ignores malformed values', () => {
    const id = 'a'.repeat(43);
    expect(readCookie(`x=1; __Host-s=${id}`, '__Host-s')).toBe(id);
    expect(readCookie('__Host-s=<script>', '__Host-s')).toBeUndefined();
    expect(readCookie(undefined, '__Host-s')).toBeUndefined();
  });
});

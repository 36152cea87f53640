import { describe, expect, it } from 'vitest';
import { asFinal, encodeCommand, encodeString, parseCapabilities, parseLine, ProtocolError, words, type Token } from './protocol.js';

const line = (s: string | Buffer) => parseLine(Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8'));
const tokens = (s: string) => line(s)!.tokens;

describe('parseLine', () => {
  it('reads atoms, quoted strings with escapes, and response codes', () => {
    expect(tokens('OK (WARNINGS) "a \\"b\\" \\\\c"\r\n')).toEqual([
      { kind: 'atom', value: 'OK' },
      { kind: 'code', tokens: [{ kind: 'atom', value: 'WARNINGS' }] },
      { kind: 'string', value: 'a "b" \\c' },
    ]);
    expect(words(tokens('"webmail" ACTIVE\r\n'))).toEqual(['webmail', 'ACTIVE']);
  });

  it('reads a literal {n} whole, and waits while it is incomplete', () => {
    const script = 'require "fileinto";\r\nfileinto "Été";\r\n';
    const size = Buffer.byteLength(script);
    const full = Buffer.from(`{${size}}\r\n${script}\r\nOK "done"\r\n`, 'utf8');
    for (let cut = 0; cut < full.indexOf('\r\nOK') + 2; cut++) expect(parseLine(full.subarray(0, cut)), `cut at ${cut}`).toBeNull();
    const first = parseLine(full)!;
    expect(first.tokens).toEqual([{ kind: 'string', value: script }]);
    expect(parseLine(full, first.end)!.tokens.map((t) => (t.kind === 'code' ? '' : t.value))).toEqual(['OK', 'done']);
  });

  it('reads a literal message in a NO, and a code with arguments', () => {
    const msg = 'line 2: error: missing semicolon.\r\nerror: validation failed.\r\n';
    const final = asFinal(tokens(`NO {${Buffer.byteLength(msg)}}\r\n${msg}\r\n`));
    expect(final).toEqual({ status: 'NO', code: null, codeArgs: [], message: msg });
    expect(asFinal(tokens('NO (QUOTA/MAXSIZE) "Script is too large."\r\n'))).toEqual({ status: 'NO', code: 'QUOTA/MAXSIZE', codeArgs: [], message: 'Script is too large.' });
    expect(asFinal(tokens('BYE (REFERRAL "sieve://other.example") "go away"\r\n'))).toEqual({ status: 'BYE', code: 'REFERRAL', codeArgs: ['sieve://other.example'], message: 'go away' });
    expect(asFinal(tokens('ok\r\n'))).toEqual({ status: 'OK', code: null, codeArgs: [], message: null });
    expect(asFinal(tokens('"SIEVE" "fileinto"\r\n'))).toBeNull();
  });

  it('refuses what cannot be a ManageSieve answer', () => {
    expect(() => line('"broken\r\n"\r\n')).toThrow(ProtocolError);
    expect(() => line('OK )\r\n')).toThrow(ProtocolError);
    expect(() => line('OK (WARNINGS\r\n')).toThrow(ProtocolError);
    expect(() => line('{x}\r\n')).toThrow(ProtocolError);
    expect(() => line('{999999999}\r\n')).toThrow(/too large/);
    expect(() => line('OK\rX\n')).toThrow(ProtocolError);
  });

  it('does not mistake a quoted brace for a literal, nor split inside a string', () => {
    expect(words(tokens('OK "{5}\\\\"\r\n'))).toEqual(['OK', '{5}\\']);
    expect(line('OK "half')).toBeNull();
  });
});

describe('encoding commands', () => {
  it('quotes short single-line strings, escaping backslash and double quote', () => {
    expect(encodeString('we"b\\mail').toString()).toBe('"we\\"b\\\\mail"');
    expect(encodeString('Été').toString('utf8')).toBe('"Été"');
  });

  it('sends anything multi-line or long as a non-synchronising literal {n+} (literal-c2s)', () => {
    const script = 'keep;\r\n';
    expect(encodeString(script).toString()).toBe(`{${script.length}+}\r\n${script}`);
    const long = 'é'.repeat(600);
    expect(encodeString(long).toString('utf8')).toBe(`{1200+}\r\n${long}`);
    expect(encodeString('a\0b').toString()).toBe('{3+}\r\na\0b');
  });

  it('writes a command line with its arguments', () => {
    expect(encodeCommand('PUTSCRIPT', ['webmail', 'keep;\r\n']).toString()).toBe('PUTSCRIPT "webmail" {7+}\r\nkeep;\r\n\r\n');
    expect(encodeCommand('LOGOUT').toString()).toBe('LOGOUT\r\n');
  });

  it('round-trips every encoded string through the reader', () => {
    for (const s of ['', 'plain', 'a"b\\c', 'multi\r\nline', '{3}', 'x'.repeat(2000)]) {
      // A server answers with {n}, a client sends {n+}: the reader takes both.
      expect((line(Buffer.concat([encodeString(s), Buffer.from('\r\n')]))!.tokens[0] as Token & { value: string }).value).toBe(s);
    }
  });
});

describe('parseCapabilities', () => {
  it('reads the greeting of Dovecot Pigeonhole', () => {
    const greeting = [
      '"IMPLEMENTATION" "Dovecot Pigeonhole"',
      '"SIEVE" "fileinto vacation imap4flags Date"',
      '"NOTIFY" "mailto"',
      '"SASL" ""',
      '"STARTTLS"',
      '"VERSION" "1.0"',
    ].map((l) => tokens(`${l}\r\n`));
    expect(parseCapabilities(greeting)).toEqual({ implementation: 'Dovecot Pigeonhole', sieve: ['fileinto', 'vacation', 'imap4flags', 'date'], sasl: [], starttls: true, xclient: false, version: '1.0' });
    expect(parseCapabilities([tokens('"SASL" "plain LOGIN"\r\n')]).sasl).toEqual(['PLAIN', 'LOGIN']);
  });
});

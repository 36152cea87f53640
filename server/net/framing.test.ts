import { describe, expect, it } from 'vitest';
import { LineFramer, type FramingLimits } from './framing.js';

const LIMITS: FramingLimits = { maxLine: 200, maxLiteral: 1000 };

/** Every line `bytes` frames into, fed as the given pieces. */
function frame(pieces: Buffer[], limits = LIMITS): string[] {
  const framer = new LineFramer(limits);
  return pieces.flatMap((p) => framer.push(p)).map((l) => l.toString('latin1'));
}
const whole = (s: string, limits = LIMITS) => frame([Buffer.from(s, 'latin1')], limits);

/** IMAP (RFC 3501 §4.3) and ManageSieve (RFC 5804 §4) answers with literals, CRLFs and braces inside them. */
const STREAM = [
  '* OK [CAPABILITY IMAP4rev1 LITERAL+] ready',
  '* 1 FETCH (UID 7 BODY[] {12}\r\nSubject: x\r\n)',
  '* 2 FETCH (BODY[HEADER] {0}\r\n BODY[TEXT] {7}\r\n{3}\r\nab FLAGS (\\Seen))',
  '{25}\r\nrequire "fileinto";\r\nx{9}',
  'NO (QUOTA/MAXSIZE) "a {quoted} brace"',
  '',
  'A1 OK done',
];

describe('LineFramer', () => {
  it('frames lines with their literals whole, however the bytes are cut', () => {
    const bytes = Buffer.from(STREAM.map((l) => `${l}\r\n`).join(''), 'latin1');
    expect(whole(bytes.toString('latin1'))).toEqual(STREAM);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(frame([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at ${cut}`).toEqual(STREAM);
    }
    expect(frame([...bytes].map((b) => Buffer.from([b])))).toEqual(STREAM);
  });

  it('reads the literal by its size, never by what it holds', () => {
    // The literal's own last bytes look like an announcement and a CRLF: they are data, not framing.
    expect(whole('A {7}\r\nx {2}\r\n\r\nB\r\n')).toEqual(['A {7}\r\nx {2}\r\n', 'B']);
    // The non-synchronising form, as ManageSieve servers may also send (RFC 5804 literal-c2s).
    expect(whole('{3+}\r\nabc\r\n')).toEqual(['{3+}\r\nabc']);
  });

  it('is empty only between lines, so bytes held back before a TLS upgrade show', () => {
    const framer = new LineFramer(LIMITS);
    expect(framer.empty).toBe(true);
    framer.push(Buffer.from('OK begin\r\n'));
    expect(framer.empty).toBe(true);
    for (const partial of ['\r', 'INJ', '* 1 FETCH {4}\r\n', '* 1 FETCH {0}\r\n']) {
      const f = new LineFramer(LIMITS);
      f.push(Buffer.from(partial));
      expect(f.empty, JSON.stringify(partial)).toBe(false);
    }
  });

  it('refuses a line longer than maxLine, with or without its CRLF yet', () => {
    const limits = { maxLine: 10, maxLiteral: 100 };
    expect(whole('0123456789\r\n', limits)).toEqual(['0123456789']);
    expect(() => whole('01234567890\r\n', limits)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
    expect(() => frame([Buffer.from('0123456'), Buffer.from('7890')], limits)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
    // Text around literals counts together; the literals themselves do not.
    expect(whole('a {3}\r\nxyz b\r\n', limits)).toEqual(['a {3}\r\nxyz b']);
    expect(() => whole('abcd {3}\r\nxyz efgh\r\n', limits)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
  });

  it('refuses literals larger than maxLiteral, all of a line together, before reading them', () => {
    const limits = { maxLine: 100, maxLiteral: 10 };
    expect(whole('{10}\r\n0123456789\r\n', limits)).toEqual(['{10}\r\n0123456789']);
    expect(() => whole('{11}\r\n', limits)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
    expect(() => whole('{6}\r\n012345 {5}\r\n', limits)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
    expect(() => whole('{99999999999999999999}\r\n', limits)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
  });

  it('hands over the lines before a violation in the same chunk', () => {
    const lines: Buffer[] = [];
    expect(() => new LineFramer({ maxLine: 10, maxLiteral: 10 }).push(Buffer.from('one\r\ntwo\r\n{11}\r\n'), lines)).toThrow();
    expect(lines.map(String)).toEqual(['one', 'two']);
  });

  it('keeps the bytes as they came (8-bit literals, UTF-8 text)', () => {
    const data = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x80]);
    const bytes = Buffer.concat([Buffer.from('X {5}\r\n'), data, Buffer.from(' "Été"\r\n')]);
    const [line] = new LineFramer(LIMITS).push(bytes);
    expect(line).toEqual(bytes.subarray(0, bytes.length - 2));
  });
});

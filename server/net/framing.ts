import { LineError } from './errors.js';

// Response framing shared by IMAP and ManageSieve: a response is a line ending in CRLF, except
// that a line ending in a literal's announcement "{n}" (or "{n+}") goes on after exactly n bytes,
// which may hold CRLFs of their own (RFC 3501/9051 §4.3, RFC 5804 §4). Pure, so the unit tests
// can cut the bytes anywhere; what the tokens mean is each protocol's business.

export interface FramingLimits {
  /** Bytes of one line outside its literals (announcements included). */
  maxLine: number;
  /** Bytes of all the literals of one line together. */
  maxLiteral: number;
}

const CRLF = Buffer.from('\r\n');
const NONE = Buffer.alloc(0);
/** "{" number ["+"] "}" just before the CRLF; "+" is the non-synchronising form (RFC 7888, RFC 5804 literal-c2s). */
const ANNOUNCEMENT = /\{(\d{1,20})\+?\}$/;

export class LineFramer {
  /** The line so far: text segments (each up to and with an announcement's CRLF) and literal bytes. */
  private parts: Buffer[] = [];
  /** Bytes after the last part, with no CRLF yet. */
  private text: Buffer = NONE;
  private textBytes = 0;
  private literalBytes = 0;
  private literalLeft = 0;

  constructor(private readonly limits: FramingLimits) {}

  /** True when no byte of an unfinished line is held. */
  get empty(): boolean {
    return this.parts.length === 0 && this.text.length === 0 && this.literalLeft === 0;
  }

  /**
   * Takes the next bytes from the socket and appends the lines they complete to `lines`, each
   * without its final CRLF. Throws LINE_TOO_LONG past the limits, after appending the lines before.
   */
  push(chunk: Buffer, lines: Buffer[] = []): Buffer[] {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.literalLeft > 0) {
        const take = Math.min(this.literalLeft, rest.length);
        this.parts.push(rest.subarray(0, take));
        this.literalLeft -= take;
        rest = rest.subarray(take);
        continue;
      }
      const scanFrom = Math.max(0, this.text.length - 1); // a CR held at the end may meet its LF now
      this.text = this.text.length ? Buffer.concat([this.text, rest]) : rest;
      const crlf = this.text.indexOf(CRLF, scanFrom);
      if (crlf < 0) {
        if (this.textBytes + this.text.length > this.limits.maxLine) throw new LineError('LINE_TOO_LONG', 'response line too long');
        break;
      }
      this.textBytes += crlf;
      if (this.textBytes > this.limits.maxLine) throw new LineError('LINE_TOO_LONG', 'response line too long');
      rest = this.text.subarray(crlf + 2);
      const literal = ANNOUNCEMENT.exec(this.text.toString('latin1', Math.max(0, crlf - 24), crlf));
      if (literal) {
        const size = Number(literal[1]);
        this.literalBytes += size;
        if (this.literalBytes > this.limits.maxLiteral) throw new LineError('LINE_TOO_LONG', 'response literal too large');
        this.parts.push(this.text.subarray(0, crlf + 2));
        this.textBytes += 2;
        this.literalLeft = size;
      } else {
        this.parts.push(this.text.subarray(0, crlf));
        lines.push(this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts));
        this.parts = [];
        this.textBytes = 0;
        this.literalBytes = 0;
      }
      this.text = NONE;
    }
    return lines;
  }
}

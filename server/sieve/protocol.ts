// The ManageSieve wire format (RFC 5804 §1.2, §4), apart from any socket: responses are read
// into tokens, command arguments written as strings. Pure, so the unit tests feed it any bytes.

/** An atom (OK, ACTIVE, QUOTA/MAXSIZE), a string (quoted or literal), or a parenthesised response code. */
export type Token = { kind: 'atom'; value: string } | { kind: 'string'; value: string } | { kind: 'code'; tokens: Token[] };

/** A final answer: OK, NO or BYE, its response code's name and arguments (RFC 5804 §1.3), and the human-readable text. */
export interface Final {
  status: 'OK' | 'NO' | 'BYE';
  code: string | null;
  codeArgs: string[];
  message: string | null;
}

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** No answer we wait for is larger: Pigeonhole caps scripts at 1 MiB by default, messages are a few lines. */
export const MAX_LITERAL = 8 * 1024 * 1024;
const MAX_LINE = 64 * 1024;

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const DQUOTE = 0x22;

/**
 * Parses one response line (tokens up to CRLF, literals included) from `buf`
 * at `start`. Answers null when more bytes are needed, throws ProtocolError
 * for bytes that cannot be a ManageSieve response.
 */
export function parseLine(buf: Buffer, start = 0): { tokens: Token[]; end: number } | null {
  const stack: Token[][] = [[]];
  let i = start;
  for (;;) {
    while (buf[i] === SP) i++;
    if (i >= buf.length) return tooLong(buf, start);
    const c = buf[i]!;
    if (c === CR) {
      if (i + 1 >= buf.length) return null;
      if (buf[i + 1] !== LF || stack.length > 1) throw new ProtocolError('unexpected CR in a response');
      return { tokens: stack[0]!, end: i + 2 };
    }
    const into = stack.at(-1)!;
    if (c === DQUOTE) {
      const s = readQuoted(buf, i);
      if (!s) return tooLong(buf, start);
      into.push({ kind: 'string', value: s.value });
      i = s.end;
    } else if (c === 0x7b /* { */) {
      const head = /^\{(\d{1,9})\+?\}\r\n/.exec(buf.toString('latin1', i, Math.min(buf.length, i + 16)));
      if (!head) {
        if (buf.indexOf('\r\n', i) < 0 && buf.length - i < 16) return null;
        throw new ProtocolError('malformed literal');
      }
      const size = Number(head[1]);
      if (size > MAX_LITERAL) throw new ProtocolError('literal too large');
      const from = i + head[0].length;
      if (buf.length < from + size) return null;
      into.push({ kind: 'string', value: buf.toString('utf8', from, from + size) });
      i = from + size;
    } else if (c === 0x28 /* ( */) {
      const code: Token = { kind: 'code', tokens: [] };
      into.push(code);
      stack.push(code.tokens);
      i++;
    } else if (c === 0x29 /* ) */) {
      if (stack.length === 1) throw new ProtocolError('unbalanced ")"');
      stack.pop();
      i++;
    } else {
      let j = i;
      while (j < buf.length && ![SP, CR, LF, DQUOTE, 0x28, 0x29, 0x7b].includes(buf[j]!)) j++;
      if (j >= buf.length) return tooLong(buf, start);
      into.push({ kind: 'atom', value: buf.toString('utf8', i, j) });
      i = j;
    }
  }
}

function tooLong(buf: Buffer, start: number): null {
  if (buf.length - start > MAX_LINE + MAX_LITERAL) throw new ProtocolError('response too long');
  return null;
}

/** quoted = DQUOTE *QUOTED-CHAR DQUOTE, where "\" escapes only '"' and "\" (RFC 5804 §4). */
function readQuoted(buf: Buffer, at: number): { value: string; end: number } | null {
  const bytes: number[] = [];
  for (let i = at + 1; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === DQUOTE) return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (b === CR || b === LF) throw new ProtocolError('line break inside a quoted string');
    if (b === 0x5c /* \ */) {
      if (i + 1 >= buf.length) return null;
      bytes.push(buf[++i]!);
    } else bytes.push(b);
  }
  return null;
}

/** The final answer a line is, or null for a data line (capabilities, a script name, a script). */
export function asFinal(tokens: Token[]): Final | null {
  const [first, second] = tokens;
  if (first?.kind !== 'atom') return null;
  const status = first.value.toUpperCase();
  if (status !== 'OK' && status !== 'NO' && status !== 'BYE') return null;
  const [name, ...args] = second?.kind === 'code' ? second.tokens : [];
  const text = tokens.slice(1).find((t) => t.kind === 'string');
  return {
    status,
    code: name?.kind === 'atom' ? name.value.toUpperCase() : null,
    codeArgs: words(args),
    message: text?.kind === 'string' ? text.value : null,
  };
}

/** The text of a data line's tokens (atoms and strings alike). */
export function words(tokens: Token[]): string[] {
  return tokens.flatMap((t) => (t.kind === 'code' ? [] : [t.value]));
}

/**
 * A command argument: a quoted string when it is short and has nothing a quoted string may not hold
 * (SAFE-UTF8-CHAR excludes NUL, CR, LF), else a non-synchronising literal "{n+}" (literal-c2s, RFC 5804 §4).
 */
export function encodeString(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= 1024 && !/[\0\r\n]/.test(s)) return Buffer.from(`"${s.replace(/[\\"]/g, '\\$&')}"`, 'utf8');
  return Buffer.concat([Buffer.from(`{${bytes.length}+}\r\n`, 'latin1'), bytes]);
}

/** A whole command line: its words, each argument encoded, and the final CRLF. */
export function encodeCommand(name: string, args: string[] = []): Buffer {
  return Buffer.concat([Buffer.from(name, 'latin1'), ...args.flatMap((a) => [Buffer.from(' '), encodeString(a)]), Buffer.from('\r\n')]);
}

/** Capabilities from the greeting or a CAPABILITY answer (RFC 5804 §1.7): "NAME" ["value"] per line. */
export interface Capabilities {
  implementation: string;
  /** Sieve extensions, lower case. */
  sieve: string[];
  /** SASL mechanisms, upper case; empty before TLS on a server that allows none in clear. */
  sasl: string[];
  starttls: boolean;
  /** Dovecot's managesieve-login offers XCLIENT to hosts in login_trusted_networks only (not in RFC 5804). */
  xclient: boolean;
  /** "1.0" on RFC 5804 servers; CHECKSCRIPT needs it (§2.12). */
  version: string | null;
}

export function parseCapabilities(lines: Token[][]): Capabilities {
  const caps: Capabilities = { implementation: '', sieve: [], sasl: [], starttls: false, xclient: false, version: null };
  for (const line of lines) {
    const [name, value = ''] = words(line);
    switch (name?.toUpperCase()) {
      case 'IMPLEMENTATION':
        caps.implementation = value;
        break;
      case 'SIEVE':
        caps.sieve = value.split(' ').filter(Boolean).map((x) => x.toLowerCase());
        break;
      case 'SASL':
        caps.sasl = value.split(' ').filter(Boolean).map((x) => x.toUpperCase());
        break;
      case 'STARTTLS':
        caps.starttls = true;
        break;
      case 'XCLIENT':
        caps.xclient = true;
        break;
      case 'VERSION':
        caps.version = value;
        break;
    }
  }
  return caps;
}

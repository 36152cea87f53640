import { AppError } from '../errors.js';
import { deadlineIn, LineConnection, type Endpoint, type LineOptions } from '../net/line-connection.js';
import { originId, type ImapCredentials } from './connect.js';
import { toAppError } from './errors.js';

// The IMAP side of one line connection (net/line-connection.ts), for the jobs imapflow does badly
// (stream-append.ts): tagged commands with literals, capabilities, greeting, STARTTLS and login.
// Errors become AppErrors as in errors.ts, never with server text.

export const LINE: LineOptions = {
  stepMs: 15_000, // connect, greeting, STARTTLS, authentication: each answer
  idleMs: 60_000, // nothing moving either way while a message streams, or while the server stores it
  maxLine: 64 * 1024, // no response we wait for is longer; a server sending more is not one to trust
  maxLiteral: 64 * 1024,
};

/** A tagged answer: its response code (RFC 3501 §7.1) whole ("APPENDUID 38505 3955") and its first word. */
export interface Response {
  status: string;
  code: string;
  name: string;
}
/** RFC 3501 §4.3: the size goes first, then the bytes, written by `send`. */
export interface Literal {
  size: number;
  send(link: LineConnection): Promise<void>;
}

const insecure = (why: string) => new AppError('IMAP_UNAVAILABLE', 'The mail server could not be reached securely.', { cause: new Error(why) });

/** A string argument: quoted when it is 7-bit text without CR/LF (RFC 3501 §4.3, §9 QUOTED-CHAR), else a literal. */
export function astring(s: string): string | Literal {
  // eslint-disable-next-line no-control-regex -- a quoted string may hold any 7-bit character but NUL, CR and LF (RFC 3501 §9)
  if (/^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(s)) return `"${s.replace(/[\\"]/g, '\\$&')}"`;
  const bytes = Buffer.from(s, 'utf8');
  return { size: bytes.length, send: async (link) => link.write(bytes) };
}

export class ImapLineClient {
  private tags = 0;
  caps = new Set<string>();

  private constructor(readonly link: LineConnection) {}

  /** Connects, reads the greeting, upgrades with STARTTLS where configured, and logs in. */
  static async open(endpoint: Endpoint, auth: ImapCredentials): Promise<ImapLineClient> {
    let link: LineConnection;
    try {
      link = await LineConnection.open(endpoint, LINE);
    } catch (err) {
      throw toAppError(err);
    }
    const client = new ImapLineClient(link);
    try {
      await client.greeting();
      if (endpoint.security === 'starttls') await client.startTls();
      await client.id(originId(auth.origin));
      await client.login(auth);
      return client;
    } catch (err) {
      throw client.fail(err);
    }
  }

  /** A refusal we understood stays what it is; anything else is told by how the link broke, if it did. Closes the link. */
  fail(err: unknown, context: { mailbox?: string } = {}): AppError {
    const broken = this.link.failure;
    this.link.close();
    return toAppError(err instanceof AppError ? err : (broken ?? err), context);
  }

  private async next(deadline: number): Promise<string> {
    const line = (await this.link.readLine(deadline)).toString('utf8');
    // Capabilities may come untagged or as a response code, in any answer (RFC 3501 §7.2.1, §7.1).
    const caps = /^\* CAPABILITY (.*)$/i.exec(line) ?? /^\S+ OK \[CAPABILITY ([^\]]*)\]/i.exec(line);
    if (caps) this.caps = new Set(caps[1]!.toUpperCase().split(' '));
    return line;
  }

  /** Reads to `tag`'s tagged response, past untagged ones (* OK, * CAPABILITY, * BYE before a close); "+" goes to onContinue. */
  private async response(tag: string, ms: number, onContinue?: () => void): Promise<Response | null> {
    const deadline = deadlineIn(ms);
    for (;;) {
      const line = await this.next(deadline);
      if (line.startsWith('+')) {
        if (!onContinue) return null;
        onContinue();
      } else if (line.startsWith(`${tag} `)) {
        const m = /^\S+ (\w+)(?: \[([^\]]*)\])?/.exec(line);
        const code = m?.[2] ?? '';
        return { status: (m?.[1] ?? '').toUpperCase(), code, name: code.split(' ')[0]!.toUpperCase() };
      }
    }
  }

  /** Literals wait for "+" unless the server takes non-synchronising ones (RFC 7888: LITERAL+, or LITERAL- up to 4096 bytes). */
  async command(parts: Array<string | Literal>, ms = LINE.stepMs, onContinue?: () => void): Promise<Response> {
    const tag = `A${++this.tags}`;
    let line = `${tag} `;
    for (const part of parts) {
      if (typeof part === 'string') line += part;
      else {
        const sync = !this.caps.has('LITERAL+') && !(this.caps.has('LITERAL-') && part.size <= 4096);
        this.link.write(`${line}{${part.size}${sync ? '' : '+'}}\r\n`);
        line = '';
        // A refusal instead of "+" ends the command before its data (RFC 3501 §7.5).
        const refused = sync ? await this.response(tag, LINE.stepMs) : null;
        if (refused) return refused;
        await part.send(this.link);
      }
    }
    this.link.write(`${line}\r\n`);
    const res = await this.response(tag, ms, onContinue);
    if (!res) throw new Error('unexpected IMAP continuation');
    return res;
  }

  private async greeting(): Promise<void> {
    const line = await this.next(deadlineIn(LINE.stepMs));
    // PREAUTH would skip both STARTTLS and our login; BYE is a refusal (RFC 3501 §7.1.4, §7.1.5).
    if (!/^\* OK\b/i.test(line)) throw new AppError('IMAP_UNAVAILABLE', 'The mail server is not answering.');
    if (!/^\* OK \[CAPABILITY /i.test(line)) await this.command(['CAPABILITY']);
  }

  /** STARTTLS is required, never optional (RFC 3501 §6.2.1; STYLE.md §3). */
  private async startTls(): Promise<void> {
    if (!this.caps.has('STARTTLS')) throw insecure('STARTTLS not offered');
    if ((await this.command(['STARTTLS'])).status !== 'OK') throw insecure('STARTTLS refused');
    await this.link.startTls(); // refuses bytes that came after the OK, in clear
    this.caps = new Set(); // forget what was learned in plaintext, and ask again (RFC 3501 §6.2.1)
    await this.command(['CAPABILITY']);
  }

  /**
   * ID (RFC 2971) before authenticating, as imapflow does on the other
   * connections (connect.ts originId): Dovecot takes x-originating-ip and
   * x-session-id from trusted webmail hosts. Sent after TLS; a refusal changes nothing.
   */
  private async id(fields: Record<string, string>): Promise<void> {
    if (!this.caps.has('ID') || Object.keys(fields).length === 0) return;
    const list = Object.entries({ name: 'webmail', ...fields }).flatMap(([k, v]) => [astring(k), astring(v)]);
    await this.command(['ID (', ...list.flatMap((part, i) => (i ? [' ', part] : [part])), ')']);
  }

  private async login({ user, pass }: ImapCredentials): Promise<void> {
    if (!this.link.encrypted) throw insecure('refusing to log in without TLS');
    if (/\0/.test(user + pass)) throw new AppError('AUTH_FAILED', 'The address or password is not correct.');
    let res: Response;
    if (this.caps.has('AUTH=PLAIN')) {
      // SASL PLAIN (RFC 4616), its response in the command when SASL-IR allows (RFC 4959).
      const ir = Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
      if (this.caps.has('SASL-IR')) res = await this.command([`AUTHENTICATE PLAIN ${ir}`]);
      else {
        let sent = false; // a second "+" means the server wants more than PLAIN has: cancel (RFC 3501 §6.2.2)
        res = await this.command(['AUTHENTICATE PLAIN'], LINE.stepMs, () => this.link.write(sent ? '*\r\n' : ((sent = true), `${ir}\r\n`)));
      }
    } else {
      if (this.caps.has('LOGINDISABLED')) throw new AppError('IMAP_UNAVAILABLE', 'The mail server offers no way to log in.');
      res = await this.command(['LOGIN ', astring(user), ' ', astring(pass)]);
    }
    const { status, name } = res; // NO means the credentials, unless the code says the server is the trouble (RFC 5530)
    if (status !== 'OK') throw toAppError(status === 'BAD' || name === 'UNAVAILABLE' || name === 'SERVERBUG' ? { serverResponseCode: name } : { authenticationFailed: true });
    if (name !== 'CAPABILITY') await this.command(['CAPABILITY']); // they change at login (RFC 3501 §6.2.2); Dovecot sends them in the OK
  }

  /** LOGOUT (RFC 3501 §6.1.3), briefly and quietly, then the link is closed whatever the answer. */
  async logout(): Promise<void> {
    await this.command(['LOGOUT'], 5_000).catch(() => undefined);
    this.link.close();
  }
}

import { EventEmitter, once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import net from 'node:net';
import { pipeline } from 'node:stream/promises';
import tls from 'node:tls';
import iconv from 'iconv-lite';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { StoredCopy } from './append.js';
import { imapOptions, originId, type ImapCredentials } from './connect.js';
import { toAppError } from './errors.js';

// A minimal IMAP client for one job: APPEND a message file, streamed from disk into the socket with backpressure
// (imapflow takes a literal as one Buffer and copies it several times: README "Benchmark: sending"). TLS policy
// is imapOptions' (connect.ts, STYLE.md §3); errors become AppErrors as in errors.ts, never with server text.

const STEP_MS = 15_000; // connect, greeting, STARTTLS, authentication: each answer
const IDLE_MS = 60_000; // nothing moving either way while the message streams, or while the server stores it
const MAX_LINE = 64 * 1024; // no response we wait for is longer; a server sending more is not one to trust

export interface AppendRequest { mailbox: string; path: string; flags: string[]; /** CRLF-ended header lines put before the file */ prefix?: string }
/** A tagged answer: its response code (RFC 3501 §7.1) whole ("APPENDUID 38505 3955") and its first word. */
interface Response { status: string; code: string; name: string }
interface Literal { size: number; send(socket: net.Socket): Promise<void> } // RFC 3501 §4.3: the size goes first, then the bytes

const coded = (code: string, message: string) => Object.assign(new Error(message), { code }); // read by toAppError
const insecure = (why: string) => new AppError('IMAP_UNAVAILABLE', 'The mail server could not be reached securely.', { cause: new Error(why) });

/** A string argument: quoted when it is 7-bit text without CR/LF (RFC 3501 §4.3, §9 QUOTED-CHAR), else a literal. */
function astring(s: string): string | Literal {
  // eslint-disable-next-line no-control-regex
  if (/^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(s)) return `"${s.replace(/[\\"]/g, '\\$&')}"`;
  const bytes = Buffer.from(s, 'utf8');
  return { size: bytes.length, send: async (socket) => void socket.write(bytes) };
}

/** Mailbox names travel in modified UTF-7 (RFC 3501 §5.1.3), encoded as imapflow does (iconv-lite's utf-7-imap). */
function mailboxName(name: string): string | Literal {
  // eslint-disable-next-line no-control-regex
  return astring(/[&\x00-\x1f\u0080-\uffff]/.test(name) ? iconv.encode(name, 'utf-7-imap').toString('latin1') : name);
}

/** Flags are atoms, optionally with a backslash (RFC 3501 §9 flag-keyword, flag-extension). */
function flagList(flags: string[]): string {
  // ATOM-CHAR: printable ASCII but ( ) { % * " \ ]
  if (!flags.every((f) => /^\\?[!#$&'+-\x5b^-z|}~]+$/.test(f))) throw new AppError('IMAP_ERROR', 'A flag is not a valid IMAP atom.');
  return `(${flags.join(' ')})`;
}

/** Resolves at `event`; rejects at an 'error' event, or with ETIMEDOUT after `ms`. */
function waitFor(emitter: EventEmitter, event: string, ms: number): Promise<unknown> {
  return once(emitter, event, { signal: AbortSignal.timeout(Math.max(ms, 1)) }).catch((err: Error) => {
    throw err.name === 'AbortError' ? coded('ETIMEDOUT', `IMAP: timed out waiting for ${event}`) : err;
  });
}

class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private readonly lines: string[] = [];
  private readonly bell = new EventEmitter(); // 'input': a new line, or the link broke
  /** What broke the link, if it broke: truer than what a write or a pipeline saw of it. */
  failure: Error | null = null;
  private tags = 0;
  caps = new Set<string>();

  constructor(public socket: net.Socket) {
    this.listen(socket);
  }

  private readonly onData = (chunk: Buffer) => {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (let end = this.lineEnd(); end >= 0; end = this.lineEnd()) {
      this.lines.push(this.buf.toString('utf8', 0, end));
      this.buf = this.buf.subarray(end + 2);
    }
    if (this.buf.length > MAX_LINE) this.socket.destroy(new Error('IMAP response line too long'));
    this.bell.emit('input');
  };
  private readonly onError = (err: Error) => this.fail(err);
  private readonly onClose = () => this.fail(coded('EConnectionClosed', 'IMAP connection closed'));
  private readonly onTimeout = () => this.socket.destroy(coded('ETIMEDOUT', 'IMAP connection idle'));

  private listen(s: net.Socket): void {
    s.on('data', this.onData).on('error', this.onError).on('close', this.onClose).on('timeout', this.onTimeout);
    s.setTimeout(IDLE_MS);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.bell.emit('input');
  }

  /** The end of the next whole response line; a line ending in {n} goes on after n literal bytes (RFC 3501 §4.3). */
  private lineEnd(): number {
    for (let from = 0; ; ) {
      const crlf = this.buf.indexOf('\r\n', from);
      if (crlf < 0) return -1;
      const literal = /\{(\d{1,6})\}$/.exec(this.buf.toString('latin1', Math.max(from, crlf - 8), crlf));
      if (!literal) return crlf;
      from = crlf + 2 + Number(literal[1]);
      if (from > this.buf.length) return -1;
    }
  }

  private async next(deadline: number): Promise<string> {
    while (this.lines.length === 0) {
      if (this.failure) throw this.failure;
      await waitFor(this.bell, 'input', deadline - Date.now());
    }
    const line = this.lines.shift()!;
    // Capabilities may come untagged or as a response code, in any answer (RFC 3501 §7.2.1, §7.1).
    const caps = /^\* CAPABILITY (.*)$/i.exec(line) ?? /^\S+ OK \[CAPABILITY ([^\]]*)\]/i.exec(line);
    if (caps) this.caps = new Set(caps[1]!.toUpperCase().split(' '));
    return line;
  }

  /** Reads to `tag`'s tagged response, past untagged ones (* OK, * CAPABILITY, * BYE before a close); "+" goes to onContinue. */
  async response(tag: string, ms: number, onContinue?: () => void): Promise<Response | null> {
    const deadline = Date.now() + ms;
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
  async command(parts: Array<string | Literal>, ms = STEP_MS, onContinue?: () => void): Promise<Response> {
    const tag = `A${++this.tags}`;
    let line = `${tag} `;
    for (const part of parts) {
      if (typeof part === 'string') line += part;
      else {
        const sync = !this.caps.has('LITERAL+') && !(this.caps.has('LITERAL-') && part.size <= 4096);
        this.socket.write(`${line}{${part.size}${sync ? '' : '+'}}\r\n`);
        line = '';
        // A refusal instead of "+" ends the command before its data (RFC 3501 §7.5).
        const refused = sync ? await this.response(tag, STEP_MS) : null;
        if (refused) return refused;
        await part.send(this.socket);
      }
    }
    this.socket.write(`${line}\r\n`);
    const res = await this.response(tag, ms, onContinue);
    if (!res) throw new Error('unexpected IMAP continuation');
    return res;
  }

  async greeting(): Promise<void> {
    const line = await this.next(Date.now() + STEP_MS);
    // PREAUTH would skip both STARTTLS and our login; BYE is a refusal (RFC 3501 §7.1.4, §7.1.5).
    if (!/^\* OK\b/i.test(line)) throw new AppError('IMAP_UNAVAILABLE', 'The mail server is not answering.');
    if (!/^\* OK \[CAPABILITY /i.test(line)) await this.command(['CAPABILITY']);
  }

  /** STARTTLS is required, never optional (RFC 3501 §6.2.1; STYLE.md §3). */
  async startTls(options: tls.ConnectionOptions): Promise<void> {
    if (!this.caps.has('STARTTLS')) throw insecure('STARTTLS not offered');
    if ((await this.command(['STARTTLS'])).status !== 'OK') throw insecure('STARTTLS refused');
    // Bytes after the OK arrived before TLS, so anyone on the path could have put them there
    // (response injection, Poddebniak et al., "Why TLS is better without STARTTLS", 2021).
    if (this.lines.length || this.buf.length) throw insecure('data after STARTTLS');
    const plain = this.socket;
    plain.off('data', this.onData).off('error', this.onError).off('close', this.onClose).off('timeout', this.onTimeout);
    plain.setTimeout(0).on('error', () => undefined); // its failures surface on the TLS socket
    const secure = tls.connect({ ...options, socket: plain });
    this.socket = secure;
    this.listen(secure);
    await waitFor(secure, 'secureConnect', STEP_MS);
    this.caps = new Set(); // forget what was learned in plaintext, and ask again (RFC 3501 §6.2.1)
    await this.command(['CAPABILITY']);
  }

  /**
   * ID (RFC 2971) before authenticating, as imapflow does on the other
   * connections (connect.ts originId): Dovecot takes x-originating-ip and
   * x-session-id from trusted webmail hosts. Sent after TLS; a refusal changes nothing.
   */
  async id(fields: Record<string, string>): Promise<void> {
    if (!this.caps.has('ID') || Object.keys(fields).length === 0) return;
    const list = Object.entries({ name: 'webmail', ...fields }).flatMap(([k, v]) => [astring(k), astring(v)]);
    await this.command(['ID (', ...list.flatMap((part, i) => (i ? [' ', part] : [part])), ')']);
  }

  async login({ user, pass }: ImapCredentials): Promise<void> {
    if (/\0/.test(user + pass)) throw new AppError('AUTH_FAILED', 'The address or password is not correct.');
    let res: Response;
    if (this.caps.has('AUTH=PLAIN')) {
      // SASL PLAIN (RFC 4616), its response in the command when SASL-IR allows (RFC 4959).
      const ir = Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
      if (this.caps.has('SASL-IR')) res = await this.command([`AUTHENTICATE PLAIN ${ir}`]);
      else {
        let sent = false; // a second "+" means the server wants more than PLAIN has: cancel (RFC 3501 §6.2.2)
        res = await this.command(['AUTHENTICATE PLAIN'], STEP_MS, () => this.socket.write(sent ? '*\r\n' : ((sent = true), `${ir}\r\n`)));
      }
    } else {
      if (this.caps.has('LOGINDISABLED')) throw new AppError('IMAP_UNAVAILABLE', 'The mail server offers no way to log in.');
      res = await this.command(['LOGIN ', astring(user), ' ', astring(pass)]);
    }
    const { status, name } = res; // NO means the credentials, unless the code says the server is the trouble (RFC 5530)
    if (status !== 'OK') throw toAppError(status === 'BAD' || name === 'UNAVAILABLE' || name === 'SERVERBUG' ? { serverResponseCode: name } : { authenticationFailed: true });
    if (name !== 'CAPABILITY') await this.command(['CAPABILITY']); // they change at login (RFC 3501 §6.2.2); Dovecot sends them in the OK
  }

  async append(req: AppendRequest, fileSize: number): Promise<StoredCopy> {
    const prefix = Buffer.from(req.prefix ?? '', 'utf8');
    const size = prefix.length + fileSize;
    const limit = Number([...this.caps].find((c) => c.startsWith('APPENDLIMIT='))?.slice(12) ?? Infinity); // RFC 7889
    if (size > limit) throw new AppError('MESSAGE_TOO_LARGE', 'The mail server does not store messages this large.');
    const literal: Literal = {
      size,
      send: async (socket) => {
        if (prefix.length) socket.write(prefix);
        if (fileSize === 0) return;
        // Never more than announced, whatever happens to the file meanwhile: extra bytes would be read as commands.
        const file = createReadStream(req.path, { end: fileSize - 1 });
        await pipeline(file, socket, { end: false }).finally(() => file.destroy());
        // Without `end`, pipeline settles quietly when the socket closes early; streamAppend's catch tells why.
        if (file.bytesRead !== fileSize) throw new Error('the message file was not sent whole');
      },
    };
    const res = await this.command(['APPEND ', mailboxName(req.mailbox), ` ${flagList(req.flags)} `, literal], IDLE_MS);
    if (res.status !== 'OK') throw toAppError({ serverResponseCode: res.name, mailboxMissing: res.name === 'TRYCREATE' }, { mailbox: req.mailbox });
    // APPEND (RFC 3501 §6.3.11) answers APPENDUID <uidvalidity> <uid> (UIDPLUS, RFC 4315 §3); without it the copy could never be replaced.
    const uid = /^APPENDUID (\d+) (\d+)$/i.exec(res.code);
    if (!uid) throw new AppError('IMAP_ERROR', 'The mail server stored the message without telling its UID (no UIDPLUS).');
    return { mailbox: req.mailbox, uid: Number(uid[2]), uidValidity: uid[1]! };
  }
}

/** Opens a connection of its own, logs in as `auth`, APPENDs the file to `req.mailbox`, logs out. */
export async function streamAppend(imap: Config['imap'], auth: ImapCredentials, req: AppendRequest): Promise<StoredCopy> {
  const { size } = await stat(req.path);
  const o = imapOptions(imap, auth);
  const tlsOptions: tls.ConnectionOptions = { ...o.tls, host: o.host, servername: o.servername };
  const socket = o.secure ? tls.connect({ ...tlsOptions, port: o.port }) : net.connect({ host: o.host!, port: o.port! });
  const conn = new Connection(socket);
  try {
    await waitFor(socket, o.secure ? 'secureConnect' : 'connect', STEP_MS);
    await conn.greeting();
    if (!o.secure) await conn.startTls(tlsOptions);
    await conn.id(originId(auth.origin));
    await conn.login(auth);
    const copy = await conn.append(req, size);
    await conn.command(['LOGOUT'], 5_000).catch(() => undefined); // RFC 3501 §6.1.3; the copy is stored either way
    return copy;
  } catch (err) {
    // A refusal we understood stays what it is; anything else is told by how the link broke, if it did.
    const broken = conn.failure ?? (conn.socket.destroyed ? (conn.socket.errored ?? coded('EConnectionClosed', 'IMAP connection closed')) : null);
    throw toAppError(err instanceof AppError ? err : (broken ?? err), { mailbox: req.mailbox });
  } finally {
    conn.socket.destroy();
  }
}

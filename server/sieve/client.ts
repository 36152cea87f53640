import { EventEmitter, once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { SieveConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { originFields, type ClientOrigin } from '../net/client-origin.js';
import { asFinal, encodeCommand, parseCapabilities, parseLine, words, type Capabilities, type Final, type Token } from './protocol.js';

// A small ManageSieve client (RFC 5804) for one request at a time: connect, STARTTLS (required, or
// implicit TLS), AUTHENTICATE "PLAIN" with the user's own credentials, a few commands, LOGOUT.
// The certificate is verified as for IMAP (server/imap/connect.ts, STYLE.md §3); the password is
// never sent before TLS, whatever the server offers. Failures are AppErrors: the server's refusal
// of a script is SIEVE_INVALID with its own message (people need to read it); anything else is
// SIEVE_UNAVAILABLE, with the server's words kept in the cause for the log.

const STEP_MS = 15_000; // each answer: connect, greeting, STARTTLS, AUTHENTICATE, a command
const IDLE_MS = 60_000;

export interface SieveCredentials {
  user: string;
  pass: string;
  /** The browser this request serves (DESIGN.md §9), told to the server with XCLIENT where it allows that. */
  origin?: ClientOrigin;
}
export type SieveServer = NonNullable<SieveConfig>;

interface Answer {
  data: Token[][];
  final: Final;
}

const unavailable = (why: string, cause?: unknown) =>
  new AppError('SIEVE_UNAVAILABLE', why, cause === undefined ? {} : { cause });
/** Other answers of the server are for the log (the route logs the cause), not for the browser. */
const serverSaid = (final: Final) => new Error(`${final.status}${final.code ? ` (${final.code})` : ''} ${final.message ?? ''}`.trim());
/** The server's own words, capped: Pigeonhole lists up to managesieve_max_compile_errors lines. */
const refused = (final: Final) => new AppError('SIEVE_INVALID', (final.message ?? 'The server refused the script.').slice(0, 4000));

/** Resolves at `event`; rejects at an 'error' event, or with a timeout after `ms`. */
function waitFor(emitter: EventEmitter, event: string, ms: number): Promise<unknown> {
  return once(emitter, event, { signal: AbortSignal.timeout(Math.max(ms, 1)) }).catch((err: Error) => {
    throw err.name === 'AbortError' ? unavailable(`ManageSieve: timed out waiting for ${event}`) : err;
  });
}

class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private readonly lines: Token[][] = [];
  private readonly bell = new EventEmitter(); // 'input': a new line, or the link broke
  failure: Error | null = null;
  caps: Capabilities = parseCapabilities([]);

  constructor(public socket: net.Socket) {
    this.listen(socket);
  }

  private readonly onData = (chunk: Buffer) => {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    try {
      for (let line = parseLine(this.buf); line; line = parseLine(this.buf)) {
        this.lines.push(line.tokens);
        this.buf = this.buf.subarray(line.end);
      }
    } catch (err) {
      this.socket.destroy(err as Error); // bytes that are no ManageSieve answer: nothing after them can be trusted
    }
    this.bell.emit('input');
  };
  private readonly onError = (err: Error) => this.fail(err);
  private readonly onClose = () => this.fail(unavailable('ManageSieve connection closed'));
  private readonly onTimeout = () => this.socket.destroy(unavailable('ManageSieve connection idle'));

  private listen(s: net.Socket): void {
    s.on('data', this.onData).on('error', this.onError).on('close', this.onClose).on('timeout', this.onTimeout);
    s.setTimeout(IDLE_MS);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.bell.emit('input');
  }

  private async next(deadline: number): Promise<Token[]> {
    while (this.lines.length === 0) {
      if (this.failure) throw this.failure;
      await waitFor(this.bell, 'input', deadline - Date.now());
    }
    return this.lines.shift()!;
  }

  /** Data lines up to the final OK/NO/BYE; `onData` sees each as it comes (a SASL challenge). */
  async answer(onData?: (line: Token[]) => void): Promise<Answer> {
    const deadline = Date.now() + STEP_MS;
    const data: Token[][] = [];
    for (;;) {
      const line = await this.next(deadline);
      const final = asFinal(line);
      if (final?.status === 'BYE') throw unavailable('ManageSieve server closed the connection.', serverSaid(final));
      if (final) return { data, final };
      data.push(line);
      onData?.(line);
    }
  }

  async command(name: string, args: string[] = []): Promise<Answer> {
    this.socket.write(encodeCommand(name, args));
    return this.answer();
  }

  /** The greeting, and the capabilities again after TLS: capability lines then OK (RFC 5804 §1.7, §2.2). */
  async capabilities(): Promise<void> {
    const { data, final } = await this.answer();
    if (final.status !== 'OK') throw unavailable('ManageSieve server is not ready');
    this.caps = parseCapabilities(data);
  }

  /** STARTTLS is required, never optional (RFC 5804 §2.2; STYLE.md §3). */
  async startTls(options: tls.ConnectionOptions): Promise<void> {
    if (!this.caps.starttls) throw unavailable('ManageSieve server does not offer STARTTLS; the password is never sent in clear');
    if ((await this.command('STARTTLS')).final.status !== 'OK') throw unavailable('ManageSieve server refused STARTTLS');
    // Bytes after the OK came before TLS, so anyone on the path could have put them there
    // (response injection, Poddebniak et al., "Why TLS is better without STARTTLS", 2021).
    if (this.lines.length || this.buf.length) throw unavailable('data after STARTTLS');
    const plain = this.socket;
    plain.off('data', this.onData).off('error', this.onError).off('close', this.onClose).off('timeout', this.onTimeout);
    plain.setTimeout(0).on('error', () => undefined); // its failures surface on the TLS socket
    const secure = tls.connect({ ...options, socket: plain });
    this.socket = secure;
    this.listen(secure);
    await waitFor(secure, 'secureConnect', STEP_MS);
    this.caps = parseCapabilities([]); // forget what was learned in clear; the server says it again (§2.2)
    await this.capabilities();
  }

  /**
   * Dovecot's XCLIENT (Pigeonhole managesieve-login, not RFC 5804): the real
   * client's address, port and session id, before authenticating, so its
   * penalties, limits and log see the browser. Offered, and obeyed, only for
   * hosts in `login_trusted_networks`; its arguments must be atoms, which the
   * checked values are (an address, digits, hex). A refusal changes nothing.
   */
  async xclient(origin: ClientOrigin | undefined): Promise<void> {
    const o = originFields(origin);
    if (!this.caps.xclient || !o) return;
    const args = [`ADDR=${o.ip}`, ...(o.port ? [`PORT=${o.port}`] : []), ...(o.logId ? [`SESSION=${o.logId}`] : [])];
    this.socket.write(`XCLIENT ${args.join(' ')}\r\n`);
    await this.answer();
  }

  /** SASL PLAIN (RFC 4616) with its initial response in the command (RFC 5804 §2.1). */
  async authenticate({ user, pass }: SieveCredentials): Promise<void> {
    if (!(this.socket instanceof tls.TLSSocket) || !this.socket.encrypted) throw unavailable('refusing to authenticate without TLS');
    if (!this.caps.sasl.includes('PLAIN')) throw unavailable('ManageSieve server does not offer SASL PLAIN');
    if (/\0/.test(user + pass)) throw unavailable('credentials with NUL cannot be sent');
    this.socket.write(encodeCommand('AUTHENTICATE', ['PLAIN', Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64')]));
    // A challenge after PLAIN's only message means the server wants something else: cancel with "*" (§2.1).
    const { final } = await this.answer(() => this.socket.write('"*"\r\n'));
    if (final.status !== 'OK') throw unavailable('ManageSieve server did not accept the sign-in.', serverSaid(final));
  }
}

function tlsOptions(server: SieveServer): tls.ConnectionOptions {
  return {
    host: server.host,
    // SNI must not be an IP address (RFC 6066 §3); Node verifies the IP against the SAN itself.
    ...(net.isIP(server.host) ? {} : { servername: server.host }),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(server.caFile ? { ca: readFileSync(server.caFile) } : {}),
  };
}

/** One authenticated ManageSieve connection. Each method is one command of RFC 5804 §2. */
export class SieveClient {
  private constructor(private readonly conn: Connection) {}

  static async connect(server: SieveServer, credentials: SieveCredentials): Promise<SieveClient> {
    const options = tlsOptions(server);
    const implicit = server.tls === 'implicit';
    const socket = implicit ? tls.connect({ ...options, port: server.port }) : net.connect({ host: server.host, port: server.port });
    const conn = new Connection(socket);
    try {
      await waitFor(socket, implicit ? 'secureConnect' : 'connect', STEP_MS);
      await conn.capabilities();
      if (!implicit) await conn.startTls(options);
      await conn.xclient(credentials.origin);
      await conn.authenticate(credentials);
      return new SieveClient(conn);
    } catch (err) {
      conn.socket.destroy();
      throw asAppError(err, conn);
    }
  }

  get capabilities(): Capabilities {
    return this.conn.caps;
  }

  /** Runs one command; a NO becomes `onNo`'s error (SIEVE_UNAVAILABLE unless told), link failures SIEVE_UNAVAILABLE. */
  private async run(name: string, args: string[], onNo: (final: Final) => AppError = (f) => unavailable(`ManageSieve server refused ${name}.`, serverSaid(f))): Promise<Answer> {
    let answer: Answer;
    try {
      answer = await this.conn.command(name, args);
    } catch (err) {
      this.conn.socket.destroy();
      throw asAppError(err, this.conn);
    }
    if (answer.final.status !== 'OK') throw onNo(answer.final);
    return answer;
  }

  /** LISTSCRIPTS (§2.7): every script, and which one is active. */
  async listScripts(): Promise<Array<{ name: string; active: boolean }>> {
    const { data } = await this.run('LISTSCRIPTS', []);
    return data.map((line) => {
      const [name = '', flag] = words(line);
      return { name, active: flag?.toUpperCase() === 'ACTIVE' };
    });
  }

  /** GETSCRIPT (§2.9); null when there is no such script (NONEXISTENT). */
  async getScript(name: string): Promise<string | null> {
    try {
      const { data } = await this.run('GETSCRIPT', [name], (final) => new NoAnswer(final));
      return words(data[0] ?? [])[0] ?? '';
    } catch (err) {
      if (err instanceof NoAnswer && err.final.code === 'NONEXISTENT') return null;
      throw err;
    }
  }

  /** CHECKSCRIPT (§2.12): the server compiles the script without storing it; NO is SIEVE_INVALID with its reasons. */
  async checkScript(script: string): Promise<void> {
    await this.run('CHECKSCRIPT', [script], refused);
  }

  /** PUTSCRIPT (§2.6) replaces or creates `name`; the server refuses (and stores nothing) when it does not compile. */
  async putScript(name: string, script: string): Promise<void> {
    await this.run('PUTSCRIPT', [name, script], refused);
  }

  /** SETACTIVE (§2.8); "" leaves no script active. */
  async setActive(name: string): Promise<void> {
    await this.run('SETACTIVE', [name]);
  }

  /** DELETESCRIPT (§2.10); the active script cannot be deleted. */
  async deleteScript(name: string): Promise<void> {
    await this.run('DELETESCRIPT', [name]);
  }

  async logout(): Promise<void> {
    await this.conn.command('LOGOUT').catch(() => undefined);
    this.conn.socket.destroy();
  }

  close(): void {
    this.conn.socket.destroy();
  }
}

/** A NO that a caller may want to tell apart (GETSCRIPT's NONEXISTENT). */
class NoAnswer extends AppError {
  constructor(readonly final: Final) {
    super('SIEVE_UNAVAILABLE', 'ManageSieve server refused the command.', { cause: serverSaid(final) });
  }
}
function asAppError(err: unknown, conn: Connection): AppError {
  if (err instanceof AppError) return err;
  // How the link broke says more than what a write saw of it.
  return unavailable('ManageSieve server unreachable or not trusted', conn.failure ?? err);
}

/** Connects as the user, runs `fn`, logs out. null config: the admin turned filters off. */
export async function withSieve<T>(server: SieveConfig, credentials: SieveCredentials, fn: (client: SieveClient) => Promise<T>): Promise<T> {
  if (!server) throw unavailable('Filters are turned off on this webmail (WEBMAIL_SIEVE_PORT=off).');
  const client = await SieveClient.connect(server, credentials);
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

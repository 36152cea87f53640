import type { SieveConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { originFields, type ClientOrigin } from '../net/client-origin.js';
import { deadlineIn, LineConnection, type LineOptions } from '../net/line-connection.js';
import { asFinal, encodeCommand, MAX_LITERAL, parseCapabilities, parseLine, ProtocolError, words, type Capabilities, type Final, type Token } from './protocol.js';

// A small ManageSieve client (RFC 5804) for one request at a time: connect, STARTTLS (required, or
// implicit TLS), AUTHENTICATE "PLAIN" with the user's own credentials, a few commands, LOGOUT.
// The socket, TLS (verified as for IMAP, STYLE.md §3) and response framing are net/line-connection.ts';
// the password is never sent before TLS, whatever the server offers. Failures are AppErrors: the
// server's refusal of a script is SIEVE_INVALID with its own message (people need to read it);
// anything else is SIEVE_UNAVAILABLE, with the server's words kept in the cause for the log.

const LINE: LineOptions = {
  stepMs: 15_000, // each answer: connect, greeting, STARTTLS, AUTHENTICATE, a command
  idleMs: 60_000,
  maxLine: 64 * 1024,
  maxLiteral: MAX_LITERAL,
};
const CRLF = Buffer.from('\r\n');

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

/** ManageSieve's side of one line connection: tokens, answers, capabilities, STARTTLS, SASL. */
class Connection {
  caps: Capabilities = parseCapabilities([]);

  constructor(readonly link: LineConnection) {}

  /** One response line as tokens; bytes that are no ManageSieve answer end the connection. */
  private async next(deadline: number): Promise<Token[]> {
    const line = await this.link.readLine(deadline);
    try {
      const parsed = parseLine(Buffer.concat([line, CRLF]));
      if (!parsed) throw new ProtocolError('incomplete response');
      return parsed.tokens;
    } catch (err) {
      this.link.close(); // nothing after them can be trusted
      throw unavailable('ManageSieve server sent something that is no answer', err);
    }
  }

  /** Data lines up to the final OK/NO/BYE; `onData` sees each as it comes (a SASL challenge). */
  async answer(onData?: (line: Token[]) => void): Promise<Answer> {
    const deadline = deadlineIn(LINE.stepMs);
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
    this.link.write(encodeCommand(name, args));
    return this.answer();
  }

  /** The greeting, and the capabilities again after TLS: capability lines then OK (RFC 5804 §1.7, §2.2). */
  async capabilities(): Promise<void> {
    const { data, final } = await this.answer();
    if (final.status !== 'OK') throw unavailable('ManageSieve server is not ready');
    this.caps = parseCapabilities(data);
  }

  /** STARTTLS is required, never optional (RFC 5804 §2.2; STYLE.md §3). */
  async startTls(): Promise<void> {
    if (!this.caps.starttls) throw unavailable('ManageSieve server does not offer STARTTLS; the password is never sent in clear');
    if ((await this.command('STARTTLS')).final.status !== 'OK') throw unavailable('ManageSieve server refused STARTTLS');
    await this.link.startTls(); // refuses bytes that came after the OK, in clear
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
    this.link.write(`XCLIENT ${args.join(' ')}\r\n`);
    await this.answer();
  }

  /** SASL PLAIN (RFC 4616) with its initial response in the command (RFC 5804 §2.1). */
  async authenticate({ user, pass }: SieveCredentials): Promise<void> {
    if (!this.link.encrypted) throw unavailable('refusing to authenticate without TLS');
    if (!this.caps.sasl.includes('PLAIN')) throw unavailable('ManageSieve server does not offer SASL PLAIN');
    if (/\0/.test(user + pass)) throw unavailable('credentials with NUL cannot be sent');
    this.link.write(encodeCommand('AUTHENTICATE', ['PLAIN', Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64')]));
    // A challenge after PLAIN's only message means the server wants something else: cancel with "*" (§2.1).
    const { final } = await this.answer(() => this.link.write('"*"\r\n'));
    if (final.status !== 'OK') throw unavailable('ManageSieve server did not accept the sign-in.', serverSaid(final));
  }
}

/** One authenticated ManageSieve connection. Each method is one command of RFC 5804 §2. */
export class SieveClient {
  private constructor(private readonly conn: Connection) {}

  static async connect(server: SieveServer, credentials: SieveCredentials): Promise<SieveClient> {
    let link: LineConnection;
    try {
      link = await LineConnection.open({ host: server.host, port: server.port, security: server.tls, caFile: server.caFile }, LINE);
    } catch (err) {
      throw unavailable('ManageSieve server unreachable or not trusted', err);
    }
    const conn = new Connection(link);
    try {
      await conn.capabilities();
      if (server.tls === 'starttls') await conn.startTls();
      await conn.xclient(credentials.origin);
      await conn.authenticate(credentials);
      return new SieveClient(conn);
    } catch (err) {
      const failure = asAppError(err, link); // before close(), which is no news about the link
      link.close();
      throw failure;
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
      const failure = asAppError(err, this.conn.link);
      this.conn.link.close();
      throw failure;
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
    this.conn.link.close();
  }

  close(): void {
    this.conn.link.close();
  }
}

/** A NO that a caller may want to tell apart (GETSCRIPT's NONEXISTENT). */
class NoAnswer extends AppError {
  constructor(readonly final: Final) {
    super('SIEVE_UNAVAILABLE', 'ManageSieve server refused the command.', { cause: serverSaid(final) });
  }
}
function asAppError(err: unknown, link: LineConnection): AppError {
  if (err instanceof AppError) return err;
  // How the link broke says more than what a write saw of it.
  return unavailable('ManageSieve server unreachable or not trusted', link.failure ?? err);
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

import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tls from 'node:tls';
import { LineError } from './errors.js';
import { LineFramer, type FramingLimits } from './framing.js';
import { verifiedTls } from './tls-policy.js';

// One socket to the mail server for a line protocol of our own (ManageSieve, the streamed IMAP
// APPEND): connect, implicit TLS or a STARTTLS upgrade, responses read as framed lines
// (framing.ts), deadlines, and one record of how the link broke. The protocols on top (commands,
// tags, capabilities, authentication) stay in their own files; none of them touches the socket.

export interface Endpoint {
  host: string;
  port: number;
  /** 'implicit': TLS from the first byte. 'starttls': plain until the protocol's STARTTLS got its OK, then startTls(). */
  security: 'implicit' | 'starttls';
  caFile?: string | null;
}

export interface LineOptions extends FramingLimits {
  /** How long connecting, and each TLS handshake, may take. */
  stepMs: number;
  /** How long nothing may move either way before the link is cut. */
  idleMs: number;
}

/** A deadline `ms` from now, for readLine: one deadline may cover several lines (a multi-line answer). */
export const deadlineIn = (ms: number): number => Date.now() + ms;

/** Resolves at `event`; rejects at an 'error' event, or with LINE_TIMEOUT at `deadline`. */
function until(emitter: EventEmitter, event: string, deadline: number): Promise<unknown> {
  return once(emitter, event, { signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)) }).catch((err: Error) => {
    throw err.name === 'AbortError' ? new LineError('LINE_TIMEOUT', `timed out waiting for ${event}`) : err;
  });
}

export class LineConnection {
  private readonly framer: LineFramer;
  private readonly lines: Buffer[] = [];
  private readonly bell = new EventEmitter(); // 'input': a new line, or the link broke
  private fault: Error | null = null;
  private closing = false;
  private secured = false; // the handshake finished (a TLSSocket says `encrypted` before it has)

  private constructor(
    private socket: net.Socket,
    private readonly tlsOptions: tls.ConnectionOptions,
    private readonly options: LineOptions,
  ) {
    this.framer = new LineFramer(options);
    this.listen(socket);
  }

  /** Connects (and, for implicit TLS, verifies the certificate); rejects with what broke, or LINE_TIMEOUT. */
  static async open(endpoint: Endpoint, options: LineOptions): Promise<LineConnection> {
    const tlsOptions = verifiedTls(endpoint.host, endpoint.caFile);
    const implicit = endpoint.security === 'implicit';
    const socket = implicit ? tls.connect({ ...tlsOptions, port: endpoint.port }) : net.connect({ host: endpoint.host, port: endpoint.port });
    const conn = new LineConnection(socket, tlsOptions, options);
    try {
      await until(socket, implicit ? 'secureConnect' : 'connect', deadlineIn(options.stepMs));
      conn.secured = implicit;
      return conn;
    } catch (err) {
      conn.close();
      throw conn.fault ?? err;
    }
  }

  private readonly onData = (chunk: Buffer) => {
    try {
      this.framer.push(chunk, this.lines);
    } catch (err) {
      this.socket.destroy(err as Error); // bytes that are no response: nothing after them can be trusted
    }
    this.bell.emit('input');
  };
  private readonly onError = (err: Error) => this.fail(err);
  private readonly onClose = () => this.fail(new LineError('LINE_CLOSED', 'connection closed'));
  private readonly onTimeout = () => this.socket.destroy(new LineError('LINE_TIMEOUT', 'connection idle'));

  private listen(s: net.Socket): void {
    s.on('data', this.onData).on('error', this.onError).on('close', this.onClose).on('timeout', this.onTimeout);
    s.setTimeout(this.options.idleMs);
  }

  private fail(err: Error): void {
    this.fault ??= err;
    this.bell.emit('input');
  }

  /**
   * What broke the link, if it broke: truer than what a write or a pipeline saw of it. A socket
   * destroyed this very tick (the peer reset it under a write, say; not by close()) has not said
   * 'close' yet, so its own error (or LINE_CLOSED) stands in.
   */
  get failure(): Error | null {
    if (this.fault) return this.fault;
    if (!this.socket.destroyed || this.closing) return null;
    return this.socket.errored ?? new LineError('LINE_CLOSED', 'connection closed');
  }

  /** True once TLS is up (implicit, or after startTls): the only state in which a password may be sent. */
  get encrypted(): boolean {
    return this.secured && !this.socket.destroyed;
  }

  /** The next response line, literals inside it, without its final CRLF. Lines that came before a failure come first. */
  async readLine(deadline: number): Promise<Buffer> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.fault) throw this.fault;
      await until(this.bell, 'input', deadline);
    }
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Streams `source` into the connection with backpressure, leaving it open for the rest of the command. */
  async send(source: Readable): Promise<void> {
    await pipeline(source, this.socket, { end: false });
  }

  /**
   * The TLS handshake over the plain connection, once the protocol's STARTTLS has its OK. Any byte
   * already received after that OK came in clear, so anyone on the path could have put it there to
   * be read as the server's once TLS is up (RFC 2595 §3.1, RFC 3207 §4.2; CVE-2011-0411 and
   * Poddebniak et al., "Why TLS is better without STARTTLS", 2021): then nothing goes on.
   */
  async startTls(): Promise<void> {
    if (this.socket instanceof tls.TLSSocket) throw new Error('startTls on a connection that is already TLS');
    if (this.lines.length > 0 || !this.framer.empty) {
      this.close();
      throw new LineError('STARTTLS_INJECTION', 'data received between the STARTTLS answer and the TLS handshake');
    }
    const plain = this.socket;
    plain.off('data', this.onData).off('error', this.onError).off('close', this.onClose).off('timeout', this.onTimeout);
    plain.setTimeout(0).on('error', () => undefined); // its failures surface on the TLS socket
    const secure = tls.connect({ ...this.tlsOptions, socket: plain });
    this.socket = secure;
    this.listen(secure);
    try {
      await until(secure, 'secureConnect', deadlineIn(this.options.stepMs));
    } catch (err) {
      this.close(); // a half-done upgrade is good for nothing
      throw err;
    }
    this.secured = true;
  }

  close(): void {
    this.closing = true;
    this.socket.destroy();
  }
}

import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackTls, type LoopbackTls } from '../../e2e/support/loopback-tls.js';
import { deadlineIn, LineConnection, type Endpoint, type LineOptions } from './line-connection.js';

// Loopback servers we script byte by byte, for what no real server does on purpose: injection before
// the TLS upgrade, silence, garbage, a drop mid-line. The real Dovecot is in line-connection.int.test.ts.

const OPTIONS: LineOptions = { stepMs: 2_000, idleMs: 5_000, maxLine: 1024, maxLiteral: 4096 };

let loopback: LoopbackTls;

beforeAll(async () => {
  loopback = await loopbackTls('line-connection-unit');
});

afterAll(() => loopback.close());

/** What the server side received, and a way to turn its plain socket into TLS (after its own "OK"). */
interface Peer {
  socket: net.Socket;
  received: Buffer[];
  upgrade(): tls.TLSSocket;
}

/** A server on 127.0.0.1 that hands each connection to `script`. */
async function server(security: Endpoint['security'], script: (peer: Peer) => void, other?: 'other CA'): Promise<Endpoint & { peers: Peer[] }> {
  const peers: Peer[] = [];
  const handler = (socket: net.Socket) => {
    const received: Buffer[] = [];
    const record = (d: Buffer) => void received.push(d);
    socket.on('error', () => undefined).on('data', record);
    const peer: Peer = {
      socket,
      received,
      upgrade() {
        socket.off('data', record);
        const secure = new tls.TLSSocket(socket, { isServer: true, key: loopback.key, cert: loopback.cert });
        secure.on('error', () => undefined).on('data', record);
        peer.socket = secure;
        return secure;
      },
    };
    peers.push(peer);
    script(peer);
  };
  const s = security === 'implicit' ? tls.createServer({ key: loopback.key, cert: loopback.cert }, handler) : net.createServer(handler);
  const port = await loopback.listen(s);
  return { host: '127.0.0.1', port, security, caFile: other ? loopback.otherCaFile : loopback.caFile, peers };
}

const text = async (conn: LineConnection, ms = 1_000) => (await conn.readLine(deadlineIn(ms))).toString('utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LineConnection', () => {
  it('implicit TLS: verified, lines with literals read whole, writes arrive', async () => {
    const endpoint = await server('implicit', (p) => {
      p.socket.write('* OK hi\r\n* 1 FETCH (BODY[] {4}\r\na\r\nb)\r\n');
      p.socket.on('data', (d: Buffer) => d.toString().startsWith('A1') && p.socket.write('A1 OK "Été"\r\n'));
    });
    const conn = await LineConnection.open(endpoint, OPTIONS);
    expect(conn.encrypted).toBe(true);
    expect(await text(conn)).toBe('* OK hi');
    expect(await text(conn)).toBe('* 1 FETCH (BODY[] {4}\r\na\r\nb)');
    conn.write('A1 NOOP\r\n');
    expect(await text(conn)).toBe('A1 OK "Été"');
    expect(conn.failure).toBeNull();
    conn.close();
  });

  it('implicit TLS with a certificate the CA file does not vouch for fails the open', async () => {
    const endpoint = await server('implicit', (p) => p.socket.write('* OK hi\r\n'), 'other CA');
    const err = await LineConnection.open(endpoint, OPTIONS).catch((e: NodeJS.ErrnoException) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as NodeJS.ErrnoException).code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it('STARTTLS: plain until startTls(), then verified TLS on the same connection', async () => {
    const endpoint = await server('starttls', (p) => {
      p.socket.write('* OK plain\r\n');
      p.socket.once('data', () => {
        p.socket.write('A1 OK begin\r\n');
        const secure = p.upgrade();
        secure.once('secure', () => secure.write('* CAPABILITY secret\r\n'));
      });
    });
    const conn = await LineConnection.open(endpoint, OPTIONS);
    expect(conn.encrypted).toBe(false);
    expect(await text(conn)).toBe('* OK plain');
    conn.write('A1 STARTTLS\r\n');
    expect(await text(conn)).toBe('A1 OK begin');
    await conn.startTls();
    expect(conn.encrypted).toBe(true);
    expect(await text(conn)).toBe('* CAPABILITY secret');
    await expect(conn.startTls()).rejects.toThrow(/already TLS/);
    conn.close();
  });

  it('STARTTLS to a certificate from another CA fails the upgrade', async () => {
    const endpoint = await server(
      'starttls',
      (p) =>
        p.socket.once('data', () => {
          p.socket.write('OK\r\n');
          p.upgrade();
        }),
      'other CA',
    );
    const conn = await LineConnection.open(endpoint, OPTIONS);
    conn.write('STARTTLS\r\n');
    expect(await text(conn)).toBe('OK');
    await expect(conn.startTls()).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/) });
    expect(conn.encrypted).toBe(false);
    expect(conn.failure).not.toBeNull();
  });

  describe('bytes in clear after the STARTTLS answer end the connection (response injection, CVE-2011-0411)', () => {
    // Whole lines in the same packet as the OK, a partial line, and a packet of its own that
    // arrives before the client turns to TLS: each could be read as the server's after the upgrade.
    const injections: Array<[string, (p: Peer) => void]> = [
      ['whole lines with the OK', (p) => p.socket.write('OK\r\n* CAPABILITY AUTH=PLAIN\r\n')],
      ['a partial line with the OK', (p) => p.socket.write('OK\r\n* CAPAB')],
      ['a literal announced with the OK', (p) => p.socket.write('OK\r\n* 1 FETCH {40}\r\n')],
      ['a later packet', (p) => (p.socket.write('OK\r\n'), setTimeout(() => p.socket.write('* CAPABILITY AUTH=PLAIN\r\n'), 20))],
    ];
    for (const [name, inject] of injections) {
      it(name, async () => {
        let handshakes = 0;
        const endpoint = await server('starttls', (p) =>
          p.socket.once('data', () => {
            inject(p);
            setTimeout(() => p.upgrade().once('secure', () => handshakes++), 60);
          }),
        );
        const conn = await LineConnection.open(endpoint, OPTIONS);
        conn.write('STARTTLS\r\n');
        expect(await text(conn)).toBe('OK');
        await sleep(50); // the protocol on top takes its time to turn to TLS
        await expect(conn.startTls()).rejects.toMatchObject({ code: 'STARTTLS_INJECTION' });
        expect(conn.encrypted).toBe(false);
        await sleep(20);
        expect(conn.failure).not.toBeNull();
        // Nothing more was sent: no ClientHello, let alone a command.
        expect(Buffer.concat(endpoint.peers[0]!.received).toString('latin1')).toBe('STARTTLS\r\n');
        expect(handshakes).toBe(0);
      });
    }
  });

  it('a deadline rejects with LINE_TIMEOUT and leaves the connection usable', async () => {
    const endpoint = await server('implicit', (p) => setTimeout(() => p.socket.write('late\r\n'), 300));
    const conn = await LineConnection.open(endpoint, OPTIONS);
    const started = Date.now();
    await expect(conn.readLine(deadlineIn(100))).rejects.toMatchObject({ code: 'LINE_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(250);
    expect(conn.failure).toBeNull();
    expect(await text(conn)).toBe('late');
    conn.close();
  });

  it('a connection where nothing moves for idleMs is cut with LINE_TIMEOUT', async () => {
    const endpoint = await server('implicit', () => undefined);
    const conn = await LineConnection.open(endpoint, { ...OPTIONS, idleMs: 150 });
    await expect(conn.readLine(deadlineIn(2_000))).rejects.toMatchObject({ code: 'LINE_TIMEOUT' });
    expect(conn.failure).toMatchObject({ code: 'LINE_TIMEOUT' });
  });

  it('a TLS handshake that never comes is LINE_TIMEOUT after stepMs', async () => {
    const silent = await server('starttls', () => undefined); // accepts TCP, never answers a ClientHello
    const started = Date.now();
    await expect(LineConnection.open({ ...silent, security: 'implicit' }, { ...OPTIONS, stepMs: 200 })).rejects.toMatchObject({ code: 'LINE_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('an upgrade whose handshake never comes is LINE_TIMEOUT, and the connection is not called encrypted', async () => {
    const endpoint = await server('starttls', (p) => p.socket.once('data', () => p.socket.write('OK\r\n'))); // then ignores the ClientHello
    const conn = await LineConnection.open(endpoint, { ...OPTIONS, stepMs: 200 });
    conn.write('STARTTLS\r\n');
    expect(await text(conn)).toBe('OK');
    await expect(conn.startTls()).rejects.toMatchObject({ code: 'LINE_TIMEOUT' });
    expect(conn.encrypted).toBe(false);
  });

  it('a closed port rejects with the socket error', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((r) => probe.close(r));
    await expect(LineConnection.open({ host: '127.0.0.1', port, security: 'starttls' }, OPTIONS)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('lines that came before a close are read first, then LINE_CLOSED', async () => {
    const endpoint = await server('implicit', (p) => p.socket.end('one\r\ntwo\r\nthree, cut'));
    const conn = await LineConnection.open(endpoint, OPTIONS);
    expect(await text(conn)).toBe('one');
    expect(await text(conn)).toBe('two');
    await expect(conn.readLine(deadlineIn(1_000))).rejects.toMatchObject({ code: 'LINE_CLOSED' });
    expect(conn.failure).toMatchObject({ code: 'LINE_CLOSED' });
  });

  it('a line or literal past the limits cuts the connection with LINE_TOO_LONG', async () => {
    for (const flood of ['x'.repeat(OPTIONS.maxLine + 1), `* 1 FETCH {${OPTIONS.maxLiteral + 1}}\r\n`]) {
      const endpoint = await server('implicit', (p) => p.socket.write(`ok\r\n${flood}`));
      const conn = await LineConnection.open(endpoint, OPTIONS);
      expect(await text(conn)).toBe('ok');
      await expect(conn.readLine(deadlineIn(1_000))).rejects.toMatchObject({ code: 'LINE_TOO_LONG' });
      expect(conn.failure).toMatchObject({ code: 'LINE_TOO_LONG' });
    }
  });

  it('send() streams a source whole and leaves the connection open for the rest of the command', async () => {
    const size = 4 << 20;
    let got = 0;
    const endpoint = await server('implicit', (p) => {
      p.socket.on('data', (d: Buffer) => {
        got += d.length;
        if (got === size + 2) p.socket.write('done\r\n');
      });
    });
    const conn = await LineConnection.open(endpoint, OPTIONS);
    await conn.send(Readable.from(Array.from({ length: 64 }, () => Buffer.alloc(size / 64, 0x61))));
    conn.write('\r\n');
    expect(await text(conn, 5_000)).toBe('done');
    conn.close();
  });

  it('failure tells a link that broke under send(), however send() itself settled', async () => {
    const endpoint = await server('implicit', (p) => p.socket.once('data', () => p.socket.destroy()));
    const conn = await LineConnection.open(endpoint, OPTIONS);
    // With the connection left open for the rest of the command, a pipeline may settle quietly when the socket goes.
    await conn.send(Readable.from(Array.from({ length: 128 }, () => Buffer.alloc(64 << 10)))).catch(() => undefined);
    expect(conn.failure).not.toBeNull();
  });

  it('close() is no failure of the link: what the caller saw stays the story', async () => {
    const endpoint = await server('implicit', () => undefined);
    const conn = await LineConnection.open(endpoint, OPTIONS);
    conn.close();
    expect(conn.failure).toBeNull();
    await expect(conn.readLine(deadlineIn(1_000))).rejects.toMatchObject({ code: 'LINE_CLOSED' });
  });
});

import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackTls, type LoopbackTls } from '../../e2e/support/loopback-tls.js';
import { SieveClient, withSieve, type SieveServer } from './client.js';

// Scripted ManageSieve servers for what Dovecot never does (no STARTTLS, injected data, a SASL
// challenge, answers split anywhere) and for the byte-level shape of our commands. The real
// Pigeonhole is in server/filters/filters.int.test.ts.

interface Command {
  /** The command line with each literal replaced by its announcement ({n+}). */
  line: string;
  literals: string[];
}
interface Io {
  /** Writes in 3-byte pieces, so the client sees answers split anywhere. */
  send(text: string): Promise<void>;
  socket: net.Socket;
  /** Answers OK (or `ok`), then turns the connection into TLS and says the capabilities again (RFC 5804 §2.2). */
  startTls(capsAfter: string, ok?: string): void;
}
type Script = (cmd: Command, io: Io) => Promise<void> | void;

let loopback: LoopbackTls;

beforeAll(async () => {
  loopback = await loopbackTls('sieve-client-unit');
});

afterAll(() => loopback.close());

function serve(socket: net.Socket, greeting: string, script: Script, raw: Buffer[]): void {
  let current: net.Socket = socket;
  let buf = Buffer.alloc(0);
  let cmd: Command | null = null;
  let need = 0;
  let busy = Promise.resolve();
  const io: Io = {
    get socket() {
      return current;
    },
    async send(text) {
      for (let i = 0; i < text.length; i += 3) {
        current.write(text.slice(i, i + 3));
        await new Promise((r) => setImmediate(r));
      }
    },
    startTls(capsAfter, ok = 'OK "Begin TLS negotiation now."\r\n') {
      socket.removeListener('data', onData);
      socket.write(ok);
      const secure = new tls.TLSSocket(socket, { isServer: true, key: loopback.key, cert: loopback.cert });
      secure.on('error', () => undefined);
      secure.on('data', onData);
      secure.once('secure', () => secure.write(capsAfter));
      current = secure;
    },
  };
  const onData = (chunk: Buffer) => {
    raw.push(chunk);
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (need > 0) {
        if (buf.length < need) return;
        cmd!.literals.push(buf.toString('utf8', 0, need));
        buf = buf.subarray(need);
        need = 0;
      }
      const crlf = buf.indexOf('\r\n');
      if (crlf < 0) return;
      const text = buf.toString('utf8', 0, crlf);
      buf = buf.subarray(crlf + 2);
      cmd = cmd ? { ...cmd, line: cmd.line + text } : { line: text, literals: [] };
      const literal = /\{(\d+)\+\}$/.exec(text);
      if (literal) {
        need = Number(literal[1]);
        continue;
      }
      const done = cmd;
      cmd = null;
      busy = busy.then(() => script(done, io));
    }
  };
  socket.on('error', () => undefined);
  socket.on('data', onData);
  socket.write(greeting);
}

async function fakeServer(opts: { implicit: boolean; greeting: string; script: Script; ca?: 'ours' | 'other' }): Promise<{ server: SieveServer; raw: Buffer[]; seen: Command[] }> {
  const raw: Buffer[] = [];
  const seen: Command[] = [];
  const record: Script = (cmd, io) => {
    seen.push(cmd);
    return opts.script(cmd, io);
  };
  const handler = (s: net.Socket) => serve(s, opts.greeting, record, raw);
  const server = opts.implicit ? tls.createServer({ key: loopback.key, cert: loopback.cert }, handler) : net.createServer(handler);
  const port = await loopback.listen(server);
  const caFile = opts.ca === 'other' ? loopback.otherCaFile : loopback.caFile;
  return { server: { host: '127.0.0.1', port, tls: opts.implicit ? 'implicit' : 'starttls', caFile }, raw, seen };
}

const auth = { user: 'alice@example.test', pass: 'secret-password' };
const CAPS = '"IMPLEMENTATION" "fake"\r\n"SIEVE" "fileinto vacation"\r\n"SASL" "PLAIN"\r\n"VERSION" "1.0"\r\nOK "ready"\r\n';
const PRE_TLS = '"IMPLEMENTATION" "fake"\r\n"SASL" ""\r\n"STARTTLS"\r\n"VERSION" "1.0"\r\nOK "ready"\r\n';
const sentSecrets = (raw: Buffer[]) => {
  const all = Buffer.concat(raw).toString('latin1');
  return /AUTHENTICATE/i.test(all) || all.includes(Buffer.from(`\0${auth.user}\0${auth.pass}`).toString('base64'));
};

describe('SieveClient against scripted servers', () => {
  it('STARTTLS, then AUTHENTICATE "PLAIN" with the initial response; literals both ways; answers split anywhere', async () => {
    const script = 'require "fileinto";\r\nfileinto "Été";\r\n';
    const { server, seen } = await fakeServer({
      implicit: false,
      greeting: PRE_TLS,
      script: async (cmd, io) => {
        const verb = cmd.line.split(' ')[0];
        if (verb === 'STARTTLS') return io.startTls(CAPS);
        if (verb === 'AUTHENTICATE') return io.send('OK "Logged in."\r\n');
        if (verb === 'LISTSCRIPTS') return io.send('"other"\r\n"web\\"mail" ACTIVE\r\nOK "Listscripts completed."\r\n');
        if (verb === 'GETSCRIPT') return io.send(`{${Buffer.byteLength(script)}}\r\n${script}\r\nOK "Getscript completed."\r\n`);
        return io.send('OK "done"\r\n');
      },
    });
    const client = await SieveClient.connect(server, { user: auth.user, pass: auth.pass });
    expect(client.capabilities).toMatchObject({ sieve: ['fileinto', 'vacation'], sasl: ['PLAIN'], starttls: false });
    expect(await client.listScripts()).toEqual([
      { name: 'other', active: false },
      { name: 'web"mail', active: true },
    ]);
    expect(await client.getScript('web"mail')).toBe(script);
    await client.putScript('webmail', script);
    await client.logout();
    expect(seen.map((c) => c.line)).toEqual([
      'STARTTLS',
      `AUTHENTICATE "PLAIN" "${Buffer.from(`\0${auth.user}\0${auth.pass}`).toString('base64')}"`,
      'LISTSCRIPTS',
      'GETSCRIPT "web\\"mail"',
      `PUTSCRIPT "webmail" {${Buffer.byteLength(script)}+}`,
      'LOGOUT',
    ]);
    expect(seen[4]!.literals).toEqual([script]);
  });

  it('a refused script is SIEVE_INVALID with the server own words; other refusals are SIEVE_UNAVAILABLE', async () => {
    const why = 'line 2: error: unknown command "fileinot".\r\nerror: validation failed.\r\n';
    const { server } = await fakeServer({
      implicit: true,
      greeting: CAPS,
      script: async (cmd, io) => {
        const verb = cmd.line.split(' ')[0];
        if (verb === 'CHECKSCRIPT') return io.send(`NO {${why.length}}\r\n${why}\r\n`);
        if (verb === 'PUTSCRIPT') return io.send('NO (QUOTA/MAXSIZE) "Script is too large."\r\n');
        if (verb === 'GETSCRIPT') return io.send('NO (NONEXISTENT) "Script does not exist."\r\n');
        if (verb === 'SETACTIVE') return io.send('NO "Internal error."\r\n');
        return io.send('OK "fine"\r\n');
      },
    });
    await withSieve(server, auth, async (client) => {
      await expect(client.checkScript('fileinot "x";')).rejects.toMatchObject({ code: 'SIEVE_INVALID', message: why });
      await expect(client.putScript('webmail', 'x')).rejects.toMatchObject({ code: 'SIEVE_INVALID', message: 'Script is too large.' });
      expect(await client.getScript('missing')).toBeNull();
      await expect(client.setActive('webmail')).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE' });
    });
  });

  it('cancels a SASL challenge with "*" and fails the sign-in as SIEVE_UNAVAILABLE', async () => {
    const { server, raw } = await fakeServer({
      implicit: true,
      greeting: CAPS,
      script: async (cmd, io) => {
        if (cmd.line.startsWith('AUTHENTICATE')) return io.send('"bW9yZT8="\r\n');
        if (cmd.line === '"*"') return io.send('NO "Authentication aborted by client."\r\n');
      },
    });
    await expect(SieveClient.connect(server, auth)).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE' });
    expect(Buffer.concat(raw).toString()).toMatch(/\r\n"\*"\r\n$/);
  });

  it('a BYE, a dropped link or garbage is SIEVE_UNAVAILABLE', async () => {
    for (const reply of ['BYE "Server shutting down."\r\n', 'OK )\r\n']) {
      const { server } = await fakeServer({ implicit: true, greeting: CAPS, script: (cmd, io) => io.send(cmd.line.startsWith('AUTH') ? 'OK\r\n' : reply) });
      await expect(withSieve(server, auth, (c) => c.listScripts())).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE' });
    }
    const { server } = await fakeServer({ implicit: true, greeting: CAPS, script: (cmd, io) => (cmd.line.startsWith('AUTH') ? io.send('OK\r\n') : void io.socket.destroy()) });
    await expect(withSieve(server, auth, (c) => c.listScripts())).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE' });
  });

  it('filters turned off (no server configured) are SIEVE_UNAVAILABLE without any connection', async () => {
    await expect(withSieve(null, auth, async () => 'never')).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE', message: /turned off/ });
  });

  describe('the password is never sent without verified TLS', () => {
    it('a server that does not offer STARTTLS gets no credentials, even if it offers PLAIN', async () => {
      const { server, raw } = await fakeServer({ implicit: false, greeting: CAPS, script: (_cmd, io) => io.send('OK\r\n') });
      await expect(SieveClient.connect(server, auth)).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE', message: /STARTTLS/ });
      expect(sentSecrets(raw)).toBe(false);
    });

    it('answers injected after the STARTTLS OK, before the handshake, end the connection', async () => {
      const { server, raw } = await fakeServer({
        implicit: false,
        greeting: PRE_TLS,
        // A real TLS server behind the injection: only the check on leftover bytes stops the client.
        script: (_cmd, io) => io.startTls(PRE_TLS, 'OK "Begin TLS."\r\n"SASL" "PLAIN"\r\nOK "injected"\r\n'),
      });
      await expect(SieveClient.connect(server, auth)).rejects.toMatchObject({ code: 'SIEVE_UNAVAILABLE' });
      expect(sentSecrets(raw)).toBe(false);
    });

    it('a certificate from another CA ends the connection before AUTHENTICATE', async () => {
      const { server, raw } = await fakeServer({
        implicit: false,
        ca: 'other',
        greeting: PRE_TLS,
        script: async (cmd, io) => (cmd.line === 'STARTTLS' ? io.startTls(CAPS) : io.send('OK\r\n')),
      });
      const err = await SieveClient.connect(server, auth).catch((e: Error) => e);
      expect(err).toMatchObject({ code: 'SIEVE_UNAVAILABLE' });
      expect(String((err as Error).cause)).toMatch(/certificate|self[- ]signed|issuer/i);
      expect(sentSecrets(raw)).toBe(false);
    });
  });
});

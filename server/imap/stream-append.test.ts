import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackTls, type LoopbackTls } from '../../e2e/support/loopback-tls.js';
import type { Config } from '../config/config.js';
import { streamAppend } from './stream-append.js';

// Scripted IMAP servers for what Dovecot never does (no LITERAL+, no SASL-IR,
// no STARTTLS, answers split byte by byte, injected data). The real-server
// behaviour is in stream-append.int.test.ts.

interface Command {
  tag: string;
  /** The command line with each literal replaced by its announcement ({n} or {n+}). */
  line: string;
  literals: Buffer[];
}
interface Io {
  /** Writes in 3-byte pieces, one TLS record each, so the client sees answers split anywhere. */
  send(text: string): Promise<void>;
  socket: net.Socket;
}
type Script = (cmd: Command, io: Io) => Promise<void> | void;

let loopback: LoopbackTls;
const servers: net.Server[] = []; // the last one is the test's own

beforeAll(async () => {
  loopback = await loopbackTls('stream-append-unit');
});

afterAll(() => loopback.close());

/** Reads commands with their literals (RFC 3501 §4.3); answers "+" to a synchronising one. */
function serve(socket: net.Socket, greeting: string, script: Script, raw: Buffer[]): void {
  const io: Io = {
    socket,
    async send(text) {
      for (let i = 0; i < text.length; i += 3) {
        socket.write(text.slice(i, i + 3));
        await new Promise((r) => setImmediate(r));
      }
    },
  };
  let buf = Buffer.alloc(0);
  let cmd: Command | null = null;
  let need = 0; // literal bytes still to come
  let busy = Promise.resolve();
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    raw.push(chunk);
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (need > 0) {
        if (buf.length < need) return;
        cmd!.literals.push(buf.subarray(0, need));
        buf = buf.subarray(need);
        need = 0;
      }
      const crlf = buf.indexOf('\r\n');
      if (crlf < 0) return;
      const text = buf.toString('utf8', 0, crlf);
      buf = buf.subarray(crlf + 2);
      cmd = cmd ? { ...cmd, line: cmd.line + text } : { tag: text.split(' ')[0]!, line: text, literals: [] };
      const literal = /\{(\d+)(\+?)\}$/.exec(text);
      if (literal) {
        need = Number(literal[1]);
        if (!literal[2]) socket.write('+ go ahead\r\n');
        continue;
      }
      const done = cmd;
      cmd = null;
      busy = busy.then(() => script(done, io));
    }
  });
  socket.write(greeting);
}

async function fakeServer(opts: { tls: boolean; greeting: string; script: Script }): Promise<{ imap: Config['imap']; raw: Buffer[] }> {
  const raw: Buffer[] = [];
  const handler = (s: net.Socket) => serve(s, opts.greeting, opts.script, raw);
  const server = opts.tls ? tls.createServer({ key: loopback.key, cert: loopback.cert }, handler) : net.createServer(handler);
  servers.push(server);
  const port = await loopback.listen(server);
  return { imap: { host: '127.0.0.1', port, security: opts.tls ? 'tls' : 'starttls', caFile: loopback.caFile }, raw };
}

function file(content: string | Buffer): string {
  const p = path.join(loopback.dir, `${randomBytes(6).toString('hex')}.eml`);
  writeFileSync(p, content);
  return p;
}

const auth = { user: 'alice@example.test', pass: 'secret-password' };
const msg = 'Subject: hi\r\n\r\nHello\r\n';

describe('streamAppend against scripted servers', () => {
  it('without LITERAL+ or AUTH=PLAIN: LOGIN with a quoted string and a literal, synchronising literals, answers split anywhere', async () => {
    const seen: Command[] = [];
    const { imap } = await fakeServer({
      tls: true,
      greeting: '* OK fake ready\r\n',
      script: async (cmd, io) => {
        seen.push(cmd);
        const verb = cmd.line.split(' ')[1];
        if (verb === 'CAPABILITY') await io.send(`* OK [ALERT] noise first\r\n* CAPABILITY IMAP4rev1 UIDPLUS\r\n${cmd.tag} OK done\r\n`);
        if (verb === 'LOGIN') await io.send(`${cmd.tag} OK [CAPABILITY IMAP4rev1 UIDPLUS] in\r\n`);
        if (verb === 'APPEND') await io.send(`* 3 EXISTS\r\n* 1 FETCH (BODY[] {5}\r\nA3 OK)\r\n${cmd.tag} OK [APPENDUID 77 9] stored\r\n`);
        if (verb === 'LOGOUT') await io.send(`* BYE\r\n${cmd.tag} OK bye\r\n`);
      },
    });
    const copy = await streamAppend(imap, { user: 'a"b\\c', pass: 'pässwort' }, { mailbox: 'Entwürfe/x', path: file(msg), flags: ['\\Seen', '$Forwarded'], prefix: 'Bcc: z@example.test\r\n' });
    expect(copy).toEqual({ mailbox: 'Entwürfe/x', uid: 9, uidValidity: '77' });
    const [, login, append, logout] = seen;
    expect(login!.line).toBe('A2 LOGIN "a\\"b\\\\c" {9}');
    expect(login!.literals.map((l) => l.toString('utf8'))).toEqual(['pässwort']);
    expect(append!.line).toBe(`A3 APPEND "Entw&APw-rfe/x" (\\Seen $Forwarded) {${21 + msg.length}}`);
    expect(append!.literals[0]!.toString()).toBe(`Bcc: z@example.test\r\n${msg}`);
    expect(logout!.line).toBe('A4 LOGOUT');
  });

  it('AUTHENTICATE PLAIN waits for "+" without SASL-IR; LITERAL+ sends the message at once', async () => {
    const seen: Command[] = [];
    const { imap } = await fakeServer({
      tls: true,
      greeting: '* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] hi\r\n',
      script: async (cmd, io) => {
        seen.push(cmd);
        if (cmd.line.endsWith('AUTHENTICATE PLAIN')) await io.send('+ \r\n');
        else if (seen.length === 2) await io.send(`A1 OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] in\r\n`);
        else await io.send(`${cmd.tag} OK [APPENDUID 1 2] ok\r\n`);
      },
    });
    const body = randomBytes(300_000).toString('base64');
    const copy = await streamAppend(imap, auth, { mailbox: 'INBOX', path: file(body), flags: [] });
    expect(copy.uid).toBe(2);
    expect(Buffer.from(seen[1]!.line, 'base64').toString()).toBe(`\0${auth.user}\0${auth.pass}`);
    expect(seen[2]!.line).toBe(`A2 APPEND "INBOX" () {${body.length}+}`);
    expect(seen[2]!.literals[0]!.toString()).toBe(body);
  });

  it('maps refusals to codes, never passing on the server text', async () => {
    const run = async (answer: (verb: string) => string | null) => {
      const { imap } = await fakeServer({
        tls: true,
        greeting: '* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN] hi\r\n',
        script: async (cmd, io) => io.send(`${cmd.tag} ${answer(cmd.line.split(' ')[1]!) ?? 'OK [CAPABILITY IMAP4rev1 LITERAL+] fine'}\r\n`),
      });
      return streamAppend(imap, auth, { mailbox: 'Nope', path: file(msg), flags: [] }).catch((e: Error & { code: string }) => e);
    };
    const auth1 = await run((v) => (v === 'AUTHENTICATE' ? 'NO [AUTHENTICATIONFAILED] secret detail' : null));
    expect(auth1).toMatchObject({ code: 'AUTH_FAILED' });
    expect(await run((v) => (v === 'AUTHENTICATE' ? 'NO [UNAVAILABLE] secret detail' : null))).toMatchObject({ code: 'IMAP_UNAVAILABLE' });
    const missing = await run((v) => (v === 'APPEND' ? 'NO [TRYCREATE] secret detail' : null));
    expect(missing).toMatchObject({ code: 'MAILBOX_NOT_FOUND' });
    const noUid = await run((v) => (v === 'APPEND' ? 'OK secret detail' : null));
    expect(noUid).toMatchObject({ code: 'IMAP_ERROR' });
    const quota = await run((v) => (v === 'APPEND' ? 'NO [OVERQUOTA] secret detail' : null));
    expect(quota).toMatchObject({ code: 'IMAP_ERROR' });
    for (const e of [auth1, missing, noUid, quota]) expect((e as Error).message).not.toContain('secret');
  });

  it('a server that drops the link mid-message is IMAP_UNAVAILABLE', async () => {
    const { imap } = await fakeServer({
      tls: true,
      greeting: '* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN] hi\r\n',
      script: async (cmd, io) => io.send(`${cmd.tag} OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] fine\r\n`),
    });
    // Drop as soon as the APPEND line arrives, with megabytes still to come.
    const server = servers.at(-1)!;
    server.on('secureConnection', (s: tls.TLSSocket) => s.on('data', (d: Buffer) => d.toString('latin1').includes(' APPEND ') && s.destroy()));
    await expect(streamAppend(imap, auth, { mailbox: 'INBOX', path: file(randomBytes(8 << 20)), flags: [] })).rejects.toMatchObject({ code: 'IMAP_UNAVAILABLE' });
  });

  describe('STARTTLS is required (STYLE.md §3)', () => {
    const sentSecrets = (raw: Buffer[]) => {
      const all = Buffer.concat(raw).toString('latin1');
      return /LOGIN|AUTHENTICATE/i.test(all) || all.includes(auth.pass) || all.includes(Buffer.from(`\0${auth.user}\0${auth.pass}`).toString('base64'));
    };

    it('a server that does not offer it gets no credentials', async () => {
      const { imap, raw } = await fakeServer({
        tls: false,
        greeting: '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+] plain only\r\n',
        script: async (cmd, io) => io.send(`${cmd.tag} OK fine\r\n`),
      });
      await expect(streamAppend(imap, auth, { mailbox: 'INBOX', path: file(msg), flags: [] })).rejects.toMatchObject({ code: 'IMAP_UNAVAILABLE' });
      expect(sentSecrets(raw)).toBe(false);
    });

    it('answers injected after the STARTTLS OK, before the handshake, end the connection', async () => {
      const { imap, raw } = await fakeServer({
        tls: false,
        greeting: '* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] hi\r\n',
        script: (cmd, io) => void io.socket.write(`${cmd.tag} OK begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\r\n`),
      });
      await expect(streamAppend(imap, auth, { mailbox: 'INBOX', path: file(msg), flags: [] })).rejects.toMatchObject({ code: 'IMAP_UNAVAILABLE' });
      expect(sentSecrets(raw)).toBe(false);
    });
  });
});

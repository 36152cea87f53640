import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createUser, type TestUser } from '../../e2e/mailserver/mailstack.js';
import { deadlineIn, LineConnection, type Endpoint, type LineOptions } from './line-connection.js';

// The line socket against the real Dovecot of the test stack: IMAPS (implicit TLS), IMAP and
// ManageSieve with STARTTLS, and literals framed as the server really sends them. Commands are
// written by hand here, so what is tested is the socket and the framing, not a protocol client.

const stack = inject('mailstack');
const host = stack.env.WEBMAIL_IMAP_HOST!;
const OPTIONS: LineOptions = { stepMs: 10_000, idleMs: 30_000, maxLine: 64 * 1024, maxLiteral: 1024 * 1024 };
const imaps: Endpoint = { host, port: stack.imapsPort, security: 'implicit', caFile: stack.caFile };
const imapStarttls: Endpoint = { host, port: stack.imapStarttlsPort, security: 'starttls', caFile: stack.caFile };
const sieve: Endpoint = { host, port: stack.sievePort, security: 'starttls', caFile: stack.caFile };

let user: TestUser;
let strangerCa: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'line-connection-int-'));
  strangerCa = path.join(dir, 'stranger.pem');
  writeFileSync(strangerCa, (await generate([{ name: 'commonName', value: 'Unrelated CA' }], { keySize: 2048, algorithm: 'sha256' })).cert);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  user = await createUser(stack); // a fresh mailbox and sieve directory per test
});

/** Lines up to the one `done` accepts (included). */
async function until(conn: LineConnection, done: (line: string) => boolean): Promise<string[]> {
  const lines: string[] = [];
  for (;;) {
    const line = (await conn.readLine(deadlineIn(OPTIONS.stepMs))).toString('utf8');
    lines.push(line);
    if (done(line)) return lines;
  }
}
const tagged = (conn: LineConnection, tag: string) => until(conn, (l) => l.startsWith(`${tag} `));
const imapLogin = async (conn: LineConnection) => {
  conn.write(`L1 LOGIN "${user.address}" "${user.password}"\r\n`);
  expect((await tagged(conn, 'L1')).at(-1)).toMatch(/^L1 OK/);
};

describe('LineConnection against Dovecot', () => {
  it('IMAPS: implicit TLS, and a literal read whole, CRLFs and braces inside it', async () => {
    const conn = await LineConnection.open(imaps, OPTIONS);
    try {
      expect(conn.encrypted).toBe(true);
      expect((await until(conn, () => true))[0]).toMatch(/^\* OK/);
      await imapLogin(conn);
      // The message's own lines end in "{5}" and hold CRLFs: only the literal's size may frame it.
      const message = 'Subject: framing {5}\r\nFrom: a@example.test\r\n\r\nBody line {12}\r\nÉté {0}\r\n';
      const bytes = Buffer.from(message, 'utf8');
      conn.write(`A1 APPEND INBOX {${bytes.length}+}\r\n`); // LITERAL+ (RFC 7888), which Dovecot offers
      conn.write(bytes);
      conn.write('\r\n');
      expect((await tagged(conn, 'A1')).at(-1)).toMatch(/^A1 OK \[APPENDUID \d+ \d+\]/);
      conn.write('A2 SELECT INBOX\r\nA3 UID FETCH 1:* (BODY.PEEK[])\r\n');
      await tagged(conn, 'A2');
      const fetched = await tagged(conn, 'A3');
      expect(fetched.at(-1)).toMatch(/^A3 OK/);
      const fetch = fetched.find((l) => /^\* \d+ FETCH/.test(l))!;
      expect(fetch).toMatch(new RegExp(`BODY\\[\\] \\{${bytes.length}\\}\\r\\n`));
      expect(fetch.slice(fetch.indexOf('}\r\n') + 3)).toContain(message);
      conn.write('A4 LOGOUT\r\n');
      expect((await tagged(conn, 'A4')).at(-1)).toMatch(/^A4 OK/);
    } finally {
      conn.close();
    }
  });

  it('IMAP STARTTLS: plain greeting, the upgrade on the same connection, then login over TLS', async () => {
    const conn = await LineConnection.open(imapStarttls, OPTIONS);
    try {
      expect(conn.encrypted).toBe(false);
      expect((await until(conn, () => true))[0]).toMatch(/^\* OK .*STARTTLS/);
      conn.write('S1 STARTTLS\r\n');
      expect((await tagged(conn, 'S1')).at(-1)).toMatch(/^S1 OK/);
      await conn.startTls();
      expect(conn.encrypted).toBe(true);
      conn.write('S2 CAPABILITY\r\n');
      const caps = await tagged(conn, 'S2');
      expect(caps.find((l) => l.startsWith('* CAPABILITY'))).toMatch(/AUTH=PLAIN/);
      await imapLogin(conn);
    } finally {
      conn.close();
    }
  });

  it('ManageSieve STARTTLS (RFC 5804 §2.2), then a script in and out as literals', async () => {
    const conn = await LineConnection.open(sieve, OPTIONS);
    const capabilities = () => until(conn, (l) => /^OK\b/.test(l));
    try {
      expect(await capabilities()).toContain('"STARTTLS"');
      conn.write('STARTTLS\r\n');
      expect(await until(conn, () => true)).toEqual([expect.stringMatching(/^OK\b/)]);
      await conn.startTls();
      expect(conn.encrypted).toBe(true);
      const after = await capabilities(); // said again after TLS, now with SASL PLAIN and no STARTTLS
      expect(after.find((l) => l.startsWith('"SASL"'))).toMatch(/^"SASL" ".*\bPLAIN\b.*"$/);
      expect(after).not.toContain('"STARTTLS"');
      const plain = Buffer.from(`\0${user.address}\0${user.password}`).toString('base64');
      conn.write(`AUTHENTICATE "PLAIN" "${plain}"\r\n`);
      expect((await until(conn, () => true))[0]).toMatch(/^OK\b/);
      const script = 'require "fileinto";\r\n# a line that ends like a literal {3}\r\nif header :contains "subject" "x" { fileinto "INBOX"; }\r\n';
      const bytes = Buffer.from(script, 'utf8');
      conn.write(Buffer.concat([Buffer.from(`PUTSCRIPT "framing" {${bytes.length}+}\r\n`), bytes, Buffer.from('\r\n')]));
      expect((await until(conn, () => true))[0]).toMatch(/^OK\b/);
      conn.write('GETSCRIPT "framing"\r\n');
      const [literal, ok] = await until(conn, (l) => /^(OK|NO)\b/.test(l));
      expect(literal).toBe(`{${bytes.length}}\r\n${script}`);
      expect(ok).toMatch(/^OK\b/);
      conn.write('LOGOUT\r\n');
    } finally {
      conn.close();
    }
  });

  it('a certificate the CA file does not vouch for: refused at connect (IMAPS) and at the upgrade (STARTTLS)', async () => {
    const err = await LineConnection.open({ ...imaps, caFile: strangerCa }, OPTIONS).catch((e: NodeJS.ErrnoException) => e);
    expect((err as NodeJS.ErrnoException).code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);

    for (const [endpoint, command, ok] of [
      [imapStarttls, 'S1 STARTTLS', /^S1 OK/],
      [sieve, 'STARTTLS', /^OK\b/],
    ] as const) {
      const conn = await LineConnection.open({ ...endpoint, caFile: strangerCa }, OPTIONS);
      await until(conn, (l) => /^(\* )?OK\b/.test(l));
      conn.write(`${command}\r\n`);
      expect((await until(conn, () => true))[0]).toMatch(ok);
      await expect(conn.startTls()).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/) });
      expect(conn.encrypted).toBe(false);
      conn.close();
    }
  });

  it('a server that says nothing in time is LINE_TIMEOUT, and the connection stays usable', async () => {
    const conn = await LineConnection.open(imaps, OPTIONS);
    try {
      await until(conn, () => true); // the greeting
      await expect(conn.readLine(deadlineIn(200))).rejects.toMatchObject({ code: 'LINE_TIMEOUT' });
      conn.write('N1 NOOP\r\n');
      expect((await tagged(conn, 'N1')).at(-1)).toMatch(/^N1 OK/);
    } finally {
      conn.close();
    }
  });
});

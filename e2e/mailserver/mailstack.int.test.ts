import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { describe, expect, inject, it } from 'vitest';
import { createUser, deliver, folderMessageCount, readSink, SEEDED, seedBulkMailbox, seedRealisticMail, startMailStack, waitForMessage, type TestUser } from './mailstack.js';

const stack = inject('mailstack');
const ca = readFileSync(stack.caFile);

function imap(user: TestUser, opts: { ca?: Buffer | undefined } = { ca }): ImapFlow {
  return new ImapFlow({
    host: stack.host,
    port: stack.imapsPort,
    secure: true,
    auth: { user: user.address, pass: user.password },
    tls: opts.ca ? { ca: opts.ca } : {},
    logger: false,
  });
}

async function withImap<T>(user: TestUser, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = imap(user);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout();
  }
}

/** A tiny line-based client for asserting on raw protocol replies before TLS. */
class LineClient {
  private buf = '';
  private waiters: Array<() => void> = [];
  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      this.buf += d;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static open(port: number, localAddress?: string): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const s = netConnect({ host: stack.host, port, ...(localAddress ? { localAddress } : {}) }, () => resolve(new LineClient(s)));
      s.once('error', reject);
    });
  }
  /** Waits until the accumulated reply matches `re`, returns everything read since the last call. */
  async until(re: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(this.buf)) {
      if (Date.now() > deadline) throw new Error(`timeout waiting for ${re}; got ${JSON.stringify(this.buf)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
    const out = this.buf;
    this.buf = '';
    return out;
  }
  send(line: string): void {
    this.sock.write(`${line}\r\n`);
  }
  close(): void {
    this.sock.destroy();
  }
}

async function waitForSubject(user: TestUser, subject: string, folder = 'INBOX', timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  return withImap(user, async (c) => {
    for (;;) {
      const lock = await c.getMailboxLock(folder);
      try {
        const uids = await c.search({ subject }, { uid: true });
        if (uids && uids.length) return uids;
      } finally {
        lock.release();
      }
      if (Date.now() > deadline) throw new Error(`no message "${subject}" in ${folder} of ${user.address}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });
}

const uniq = () => Math.random().toString(36).slice(2, 10);

describe('startMailStack', () => {
  it('is idempotent and fast when the stack is already running', async () => {
    const t = Date.now();
    const again = await startMailStack();
    expect(Date.now() - t).toBeLessThan(2000);
    expect(again).toEqual(stack);
    expect(stack.env).toMatchObject({ WEBMAIL_IMAP_SECURITY: 'tls', WEBMAIL_SMTP_SECURITY: 'starttls', WEBMAIL_IMAP_CA_FILE: stack.caFile });
  });
});

describe('IMAP', () => {
  it('logs in over IMAPS when the CA file is trusted', async () => {
    // A leading "-" once made doveadm read the password as an option.
    const user = await createUser(stack, { password: '-Bx' + uniq() });
    await withImap(user, async (c) => {
      expect(c.authenticated).toBeTruthy();
    });
  });

  it('re-passwords an existing localPart, and Dovecot sees the change at once', async () => {
    const localPart = `fixed-${uniq()}`;
    const first = await createUser(stack, { localPart, password: 'first-password' });
    await withImap(first, async (c) => expect(c.authenticated).toBeTruthy());
    const second = await createUser(stack, { localPart, password: 'other-password' });
    expect(second.address).toBe(first.address);
    await withImap(second, async (c) => expect(c.authenticated).toBeTruthy());
    const stale = imap(first);
    await expect(stale.connect()).rejects.toThrow();
    stale.close();
  });

  it('refuses the connection when the CA is not trusted', async () => {
    const user = await createUser(stack);
    const c = imap(user, { ca: undefined });
    await expect(c.connect()).rejects.toThrow(/certificate|self[- ]signed|issuer/i);
    c.close();
  });

  it('refuses LOGIN on the plain port before STARTTLS', async () => {
    const user = await createUser(stack);
    // Dovecot counts a connection whose source and destination IP are equal as
    // secure (same host), so from 127.0.0.1 it would allow LOGIN; any other
    // address — like a remote client — must see LOGINDISABLED. 127.0.0.2 is loopback too.
    const lc = await LineClient.open(stack.imapStarttlsPort, '127.0.0.2');
    try {
      const greeting = await lc.until(/\r\n/);
      expect(greeting).toMatch(/STARTTLS/);
      expect(greeting).toMatch(/LOGINDISABLED/);
      lc.send(`a1 LOGIN ${user.address} ${user.password}`);
      const reply = await lc.until(/^a1 /m);
      expect(reply).toMatch(/^a1 NO \[PRIVACYREQUIRED\]/m);
    } finally {
      lc.close();
    }
  });

  it('offers the capabilities the webmail relies on', async () => {
    const user = await createUser(stack);
    await withImap(user, async (c) => {
      const caps = [...c.capabilities.keys()];
      for (const cap of ['IDLE', 'CONDSTORE', 'QRESYNC', 'SORT', 'THREAD=REFERENCES', 'ESEARCH', 'MOVE', 'SPECIAL-USE', 'QUOTA', 'METADATA']) {
        expect(caps).toContain(cap);
      }
      const quota = await c.getQuota('INBOX');
      expect(quota && quota.storage?.limit).toBe(1024 * 1024 * 1024);
    });
  });

  it('has the special-use folders, subscribed', async () => {
    const user = await createUser(stack);
    await withImap(user, async (c) => {
      const list = await c.list();
      const byUse = Object.fromEntries(list.filter((m) => m.specialUse).map((m) => [m.specialUse, m]));
      for (const use of ['\\Inbox', '\\Drafts', '\\Sent', '\\Trash', '\\Junk', '\\Archive']) {
        expect(byUse[use], use).toBeDefined();
        expect(byUse[use]?.subscribed, use).toBe(true);
      }
    });
  });
});

describe('submission', () => {
  it('refuses MAIL and AUTH before STARTTLS', async () => {
    const lc = await LineClient.open(stack.submissionPort);
    try {
      expect(await lc.until(/^220 /m)).toMatch(/^220 /m);
      lc.send('EHLO test.example');
      const ehlo = await lc.until(/^250 /m);
      expect(ehlo).toMatch(/STARTTLS/);
      expect(ehlo).not.toMatch(/AUTH/);
      lc.send('AUTH PLAIN AGFAYg==');
      expect(await lc.until(/^\d{3} /m)).toMatch(/^5\d\d /m);
      lc.send('MAIL FROM:<a@example.test>');
      expect(await lc.until(/^\d{3} /m)).toMatch(/^530 /m);
    } finally {
      lc.close();
    }
  });

  it('relays nothing without AUTH, even over TLS', async () => {
    const rcpt = await createUser(stack);
    const transport = createTransport({ host: stack.host, port: stack.submissionPort, secure: false, requireTLS: true, tls: { ca } });
    try {
      await expect(
        transport.sendMail({ from: 'a@example.test', to: [rcpt.address, 'someone@elsewhere.invalid'], subject: 'no auth', text: 'x' }),
      ).rejects.toThrow();
    } finally {
      transport.close();
    }
  });

  it('delivers authenticated mail to example.test over LMTP and sinks outside domains', async () => {
    const sender = await createUser(stack);
    const rcpt = await createUser(stack);
    const subject = `submission ${uniq()}`;
    const transport = createTransport({
      host: stack.host,
      port: stack.submissionPort,
      secure: false,
      requireTLS: true,
      tls: { ca },
      auth: { user: sender.address, pass: sender.password },
    });
    try {
      const info = await transport.sendMail({ from: sender.address, to: [rcpt.address, 'someone@elsewhere.invalid'], subject, text: 'hello' });
      expect(info.accepted).toEqual([rcpt.address, 'someone@elsewhere.invalid']);
    } finally {
      transport.close();
    }
    expect(await waitForSubject(rcpt, subject)).toHaveLength(1);
    const deadline = Date.now() + 10_000;
    const sunk = () => readSink(stack).filter((m) => m.raw.includes(subject));
    while (sunk().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(sunk().map((m) => m.recipient)).toEqual(['someone@elsewhere.invalid']);
  });
});

describe('inject port', () => {
  it('delivers to example.test and refuses other domains', async () => {
    const rcpt = await createUser(stack);
    const subject = `inject ${uniq()}`;
    await deliver(stack, { from: 'sender@elsewhere.invalid', to: [rcpt.address], raw: `From: sender@elsewhere.invalid\r\nTo: ${rcpt.address}\r\nSubject: ${subject}\r\n\r\nbody\r\n` });
    expect(await waitForMessage(stack, rcpt.address, subject)).toHaveLength(1);
    expect(await waitForSubject(rcpt, subject)).toHaveLength(1);
    expect(readSink(stack).filter((m) => m.raw.includes(subject))).toEqual([]);
    await expect(deliver(stack, { from: 'a@example.test', to: ['victim@elsewhere.invalid'], raw: 'Subject: relay\r\n\r\nx\r\n' })).rejects.toThrow(/Relay access denied|554|rejected/i);
  });
});

describe('ManageSieve', () => {
  it('offers no SASL and refuses AUTHENTICATE before STARTTLS (from an address that is not the server\'s own)', async () => {
    const user = await createUser(stack);
    // As for IMAP, Dovecot counts 127.0.0.1 → 127.0.0.1 as secure; 127.0.0.2 stands in for a remote client.
    const lc = await LineClient.open(stack.sievePort, '127.0.0.2');
    try {
      const greeting = await lc.until(/^OK /m);
      expect(greeting).toMatch(/^"STARTTLS"\r$/m);
      expect(greeting).toMatch(/^"SASL" ""\r$/m);
      expect(greeting).toMatch(/^"SIEVE" ".*\bvacation\b.*"\r$/m);
      lc.send(`AUTHENTICATE "PLAIN" "${Buffer.from(`\0${user.address}\0${user.password}`).toString('base64')}"`);
      expect(await lc.until(/^(OK|NO|BYE)\b.*\r\n/m)).toMatch(/^NO \(ENCRYPT-NEEDED\)/m);
    } finally {
      lc.close();
    }
  });
});

describe('relay for the mail server\'s own mail', () => {
  it('takes any recipient on 127.0.0.2 and routes outside domains to the sink (the inject port still refuses them)', async () => {
    const subject = `relay ${uniq()}`;
    const transport = createTransport({ host: '127.0.0.2', port: stack.smtpInjectPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: '', to: ['someone@elsewhere.invalid'] }, raw: `From: x@example.test\r\nSubject: ${subject}\r\n\r\nauto reply\r\n` });
    } finally {
      transport.close();
    }
    const deadline = Date.now() + 10_000;
    const sunk = () => readSink(stack).filter((m) => m.raw.includes(subject));
    while (sunk().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(sunk().map((m) => m.recipient)).toEqual(['someone@elsewhere.invalid']);
  });
});

describe('seeders', () => {
  it('seeds realistic mail once per user', async () => {
    const user = await createUser(stack);
    const first = await seedRealisticMail(stack, user.address);
    expect(first.alreadySeeded).toBe(false);
    expect(first.total).toBeGreaterThanOrEqual(60);
    const second = await seedRealisticMail(stack, user.address);
    expect(second.alreadySeeded).toBe(true);
    for (const [folder, n] of Object.entries(first.folders)) {
      expect(await folderMessageCount(stack, user.address, folder), folder).toBe(n);
    }
    const inbox = await waitForSubject(user, SEEDED.attachment.subject);
    await withImap(user, async (c) => {
      const lock = await c.getMailboxLock('INBOX');
      try {
        const msg = await c.fetchOne(String(inbox[0]), { bodyStructure: true }, { uid: true });
        const parts = msg ? (msg.bodyStructure?.childNodes ?? []) : [];
        const pdf = parts.find((p) => p.type === SEEDED.attachment.contentType);
        expect(pdf?.dispositionParameters?.filename).toBe(SEEDED.attachment.filename);
      } finally {
        lock.release();
      }
    });
    expect(await waitForSubject(user, SEEDED.corpus.hostile[0]?.subject ?? '', SEEDED.corpus.hostileFolder)).toHaveLength(1);
  });

  it('seeds a bulk folder with exactly the requested count, idempotently', async () => {
    const user = await createUser(stack);
    await seedBulkMailbox(stack, user.address, 'Bulk', 2000);
    const t = Date.now();
    await seedBulkMailbox(stack, user.address, 'Bulk', 2000);
    expect(Date.now() - t).toBeLessThan(2000);
    await withImap(user, async (c) => {
      const status = await c.status('Bulk', { messages: true });
      expect(status && status.messages).toBe(2000);
    });
  });
});

import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { CSRF_HEADER } from '../../shared/api.js';
import type { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { blankDraft, COMPOSE_API, outboxListSchema, uploadStatusSchema, type Draft, type OutboxEntry } from '../../shared/compose.js';
import type { ApiClient } from './api-client.js';

/** Test helpers for the compose and send integration tests (not a test file itself). */

export function draftOf(from: string, over: Partial<Draft> = {}): Draft {
  return {
    ...blankDraft(randomBytes(18).toString('base64url'), { name: 'Alice Sender', address: from }),
    subject: `Test ${randomBytes(4).toString('hex')}`,
    html: '<p>Hello <b>world</b></p>',
    ...over,
  };
}

/** PUT of raw bytes (ApiClient sends JSON only), with the client's cookie and CSRF token. */
function putBytes(api: ApiClient, ca: string, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, api.baseUrl),
      {
        method: 'PUT',
        ca,
        headers: { ...headers, 'content-length': String(body.length), cookie: api.sessionCookie ?? '', [CSRF_HEADER]: api.csrfToken ?? '', accept: 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Uploads a file through the real upload routes, in 1 MiB chunks. */
export async function upload(api: ApiClient, ca: string, filename: string, contentType: string, content: Buffer, chunk = 1024 * 1024) {
  const created = await api.post(COMPOSE_API.uploads, { filename, contentType, size: content.length });
  if (created.status !== 201) throw new Error(`upload create: ${created.status} ${JSON.stringify(created.json)}`);
  let status = uploadStatusSchema.parse(created.json);
  for (let offset = 0; offset < content.length; offset += chunk) {
    const res = await putBytes(api, ca, COMPOSE_API.upload(status.uploadId), content.subarray(offset, offset + chunk), {
      'content-type': 'application/octet-stream',
      'upload-offset': String(offset),
    });
    if (res.status !== 200) throw new Error(`upload chunk: ${res.status} ${JSON.stringify(res.json)}`);
    status = uploadStatusSchema.parse(res.json);
  }
  return status;
}

/** The whole source of one message, as another client would fetch it. */
export async function rawOf(probe: ImapFlow, mailbox: string, uid: number): Promise<Buffer> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    await probe.noop();
    const msg = await probe.fetchOne(String(uid), { source: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`no message ${uid} in ${mailbox}`);
    return msg.source;
  } finally {
    lock.release();
  }
}

export async function parsedOf(probe: ImapFlow, mailbox: string, uid: number): Promise<{ raw: string; mail: ParsedMail }> {
  const raw = await rawOf(probe, mailbox, uid);
  return { raw: raw.toString('utf8'), mail: await simpleParser(raw, { keepCidLinks: true }) };
}

/** The header block of a raw message (everything before the first empty line). */
export function headerBlock(raw: string): string {
  return raw.slice(0, raw.indexOf('\r\n\r\n'));
}

/** Waits until the outbox entry left "waiting"/"sending": gone from the list (sent) or failed. */
export async function settled(api: ApiClient, id: string, timeoutMs = 20_000): Promise<OutboxEntry | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { entries } = outboxListSchema.parse((await api.get(COMPOSE_API.outbox)).json);
    const entry = entries.find((e) => e.id === id);
    if (!entry) return null;
    if (entry.state === 'failed') return entry;
    if (Date.now() > deadline) throw new Error(`outbox entry ${id} still ${entry.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function mailboxUids(probe: ImapFlow, mailbox: string): Promise<number[]> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    await probe.noop();
    return (await probe.search({ all: true }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

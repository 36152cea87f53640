import { describe, expect, it } from 'vitest';
import { API } from '../../shared/api.js';
import { messagePageSchema } from '../../shared/mail.js';
import { criteriaToQuery, type SearchCriteria } from '../../shared/search.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { htmlMessage, messageWithAttachment, plainMessage } from '../../e2e/support/messages.js';

/**
 * Search terms a person (or an attacker) can type, on a small mailbox whose
 * subjects hold exactly those characters, and the attachment test against
 * hand-labelled MIME structures. Every term must reach Dovecot as a value:
 * the right message matches, nothing else, and the session keeps working.
 */

const uid: Record<string, number> = {};

const HOSTILE = {
  quotes: 'say "hi" to them',
  backslash: 'path C:\\temp\\new',
  braces: 'set {a, b} and (c)',
  literal: 'fake {5} literal',
  brackets: 'tag ] * % wildcard',
  injection: 'x" ALL OR "y',
  zoe: 'Lunch with Zoë',
  japanese: '来週の打ち合わせ',
} as const;

const raw = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const common = (subject: string) => ['From: Ana <ana@example.test>', 'To: bob@example.test', `Subject: ${subject}`, 'Date: Mon, 3 Mar 2025 10:00:00 +0000', 'MIME-Version: 1.0'];

/** Hand-labelled structures: whether the list's paperclip (and so the search) should say "attachment". */
const STRUCTURES: Array<{ name: string; attached: boolean; raw: string }> = [
  { name: 'plain', attached: false, raw: plainMessage('just text', { subject: 'struct plain' }) },
  { name: 'alternative', attached: false, raw: htmlMessage('<p>html</p>', { subject: 'struct alternative' }) },
  { name: 'mixed-pdf', attached: true, raw: messageWithAttachment('see file', { name: 'a.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 x') }, { subject: 'struct mixed-pdf' }) },
  {
    name: 'mixed-text-only',
    attached: false,
    raw: raw([...common('struct mixed-text-only'), 'Content-Type: multipart/mixed; boundary="m"', '', '--m', 'Content-Type: text/plain', '', 'one body', '--m--']),
  },
  {
    name: 'single-pdf',
    attached: true,
    raw: raw([...common('struct single-pdf'), 'Content-Type: application/pdf; name="b.pdf"', 'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4 y').toString('base64')]),
  },
  {
    name: 'text-as-attachment',
    attached: true,
    raw: raw([...common('struct text-as-attachment'), 'Content-Type: text/plain; charset=utf-8', 'Content-Disposition: attachment; filename="notes.txt"', '', 'notes']),
  },
  {
    name: 'related-inline-image',
    attached: false,
    raw: raw([
      ...common('struct related-inline-image'),
      'Content-Type: multipart/related; type="text/html"; boundary="r"',
      '',
      '--r',
      'Content-Type: text/html',
      '',
      '<img src="cid:img1@x">',
      '--r',
      'Content-Type: image/png',
      'Content-ID: <img1@x>',
      'Content-Disposition: inline',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--r--',
    ]),
  },
];

async function search(c: Partial<SearchCriteria>, mailbox = 'INBOX') {
  return me.api.get(`${API.messages}?${new URLSearchParams({ mailbox, limit: '200', ...criteriaToQuery(c) })}`);
}

async function matches(c: Partial<SearchCriteria>): Promise<number[]> {
  const res = await search(c);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return messagePageSchema.parse(res.json).items.map((m) => m.uid);
}

const me = useUser(useWebmail(), {
  probe: true,
  seed: async ({ probe }) => {
    const entries = Object.entries(HOSTILE);
    const uids = await appendAll(probe, 'INBOX', entries.map(([, subject]) => plainMessage(`body of ${subject}`, { subject: subject.replace('Zoë', '=?UTF-8?Q?Zo=C3=AB?=').replace('来週の打ち合わせ', '=?UTF-8?B?5p2l6YCx44Gu5omT44Gh5ZCI44KP44Gb?=') })));
    entries.forEach(([name], i) => (uid[name] = uids[i]!));
    const structs = await appendAll(probe, 'INBOX', STRUCTURES.map((s) => s.raw));
    STRUCTURES.forEach((s, i) => (uid[s.name] = structs[i]!));
  },
});

describe('hostile search terms', () => {
  it('each finds exactly its own message, by subject and through the quick box', async () => {
    for (const [name, subject] of Object.entries(HOSTILE)) {
      expect(await matches({ subject }), name).toEqual([uid[name]]);
      expect(await matches({ text: subject }), name).toEqual([uid[name]]);
    }
  });

  it('a term that looks like command text matches only as text', async () => {
    // If `x" ALL OR "y` escaped its quotes, ALL would match every message.
    expect(await matches({ subject: 'x" ALL' })).toEqual([uid.injection]);
    expect(await matches({ body: '" ALL' })).toEqual([uid.injection]);
    expect(await matches({ subject: '{5}' })).toEqual([uid.literal]);
    expect(await matches({ subject: 'ALL' })).toEqual([uid.injection]);
  });

  it('non-ASCII matches in either form', async () => {
    expect(await matches({ subject: 'Zoë' })).toEqual([uid.zoe]);
    expect(await matches({ subject: 'zoë' })).toEqual([uid.zoe]);
    expect(await matches({ text: '打ち合わせ' })).toEqual([uid.japanese]);
  });

  it('lone specials answer what Dovecot answers a direct client, never an error', async () => {
    const lock = await me.probe.getMailboxLock('INBOX', { readOnly: true });
    try {
      for (const term of ['"', '\\', '{', '}', '{0}', '((', ')', 'NIL', '~{3+}', '*', '😀']) {
        const res = await search({ text: term });
        expect(res.status, term).toBe(200);
        const direct = (await me.probe.search({ or: [{ from: term }, { to: term }, { subject: term }, { body: term }] }, { uid: true })) || [];
        expect(messagePageSchema.parse(res.json).items.map((m) => m.uid), term).toEqual(direct.sort((a, b) => b - a));
      }
    } finally {
      lock.release();
    }
    // Nothing in this mailbox holds these: an empty answer, not an error.
    for (const term of ['{0}', '((', '~{3+}', '😀']) expect(await matches({ text: term }), term).toEqual([]);
  });

  it('CR, LF and NUL are refused as VALIDATION_FAILED naming the field, and the session still works', async () => {
    for (const [field, value] of [
      ['text', 'a\r\nb'],
      ['subject', 'x\nA1 LOGOUT'],
      ['from', 'x\ry'],
      ['body', 'nul\0'],
    ] as const) {
      const res = await search({ [field]: value });
      expect(res.status, field).toBe(400);
      expect(res.json, field).toMatchObject({ error: { code: 'VALIDATION_FAILED', field } });
    }
    // Leading and trailing line breaks are whitespace: trimmed, not refused.
    expect(await matches({ subject: '\r\nfake {5} literal\r\n' })).toEqual([uid.literal]);
    const plain = messagePageSchema.parse((await me.api.get(`${API.messages}?mailbox=INBOX`)).json);
    expect(plain.total).toBe(Object.keys(HOSTILE).length + STRUCTURES.length);
  });
});

describe('has attachment', () => {
  it('matches the structures a person calls attachments, and no others', async () => {
    const withFiles = STRUCTURES.filter((s) => s.attached).map((s) => uid[s.name]!);
    const withoutFiles = [...Object.keys(HOSTILE), ...STRUCTURES.filter((s) => !s.attached).map((s) => s.name)].map((n) => uid[n]!);
    expect((await matches({ attachment: true })).sort((a, b) => a - b)).toEqual(withFiles.sort((a, b) => a - b));
    expect((await matches({ attachment: false })).sort((a, b) => a - b)).toEqual(withoutFiles.sort((a, b) => a - b));
  });

  it('agrees with the paperclip of every row', async () => {
    const rows = messagePageSchema.parse((await me.api.get(`${API.messages}?mailbox=INBOX&limit=200`)).json).items;
    const clipped = rows.filter((m) => m.hasAttachments).map((m) => m.uid).sort((a, b) => a - b);
    expect((await matches({ attachment: true })).sort((a, b) => a - b)).toEqual(clipped);
  });
});

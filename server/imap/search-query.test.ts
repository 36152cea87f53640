import { describe, expect, it } from 'vitest';
import type { ImapFlow, SearchObject } from 'imapflow';
import { compiler } from 'imapflow/lib/handler/imap-handler.js';
import { AppError } from '../errors.js';
import { searchAttributes } from './search.js';
import { assertSendable, contentQuery, criteriaKey, matchesNothing, stateQuery, toSearchObject } from './search-query.js';

/** What imapflow's compiler reads from a connection: capabilities and enabled extensions (no UTF8=ACCEPT). */
const connection = { capabilities: new Map<string, unknown>([['IMAP4rev1', true], ['ESEARCH', true]]), enabled: new Set<string>() } as unknown as ImapFlow;

/** The exact bytes of `A1 UID SEARCH …` for a query, as imapflow writes them to a server with LITERAL+. */
async function wire(query: SearchObject): Promise<string> {
  const buf = await compiler({ tag: 'A1', command: 'UID SEARCH', attributes: searchAttributes(connection, query) as never }, { literalPlus: true });
  return buf.toString('utf8');
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('criteria to IMAP SEARCH', () => {
  it('maps each field to its key, ANDed', () => {
    expect(toSearchObject({ from: 'ana', to: 'ben', subject: 'budget', body: 'lorem' })).toEqual({ from: 'ana', to: 'ben', subject: 'budget', body: 'lorem' });
    expect(toSearchObject({ since: '2024-01-01', before: '2024-02-01' })).toEqual({ sentSince: '2024-01-01', sentBefore: '2024-02-01' });
    expect(toSearchObject({ unread: true, flagged: false })).toEqual({ seen: false, flagged: false });
    expect(toSearchObject({ unread: false, flagged: true })).toEqual({ seen: true, flagged: true });
    expect(toSearchObject({ larger: 1024, smaller: 4096 })).toEqual({ larger: 1024, smaller: 4096 });
    expect(toSearchObject({})).toEqual({ all: true });
  });

  it('the quick box matches from, to, subject or body', async () => {
    expect(toSearchObject({ text: 'budget' })).toEqual({ or: [{ from: 'budget' }, { to: 'budget' }, { subject: 'budget' }, { body: 'budget' }] });
    expect(await wire(toSearchObject({ text: 'budget' }))).toBe('A1 UID SEARCH OR OR FROM budget TO budget OR SUBJECT budget BODY budget');
  });

  it('splits what a message is from what was done with it', () => {
    const c = { body: 'x', unread: true, flagged: true, attachment: true } as const;
    expect(contentQuery(c)).toEqual({ body: 'x' });
    expect(stateQuery(c)).toEqual({ seen: false, flagged: true });
    expect(contentQuery({ unread: true })).toBeNull();
    expect(stateQuery({ body: 'x' })).toBeNull();
  });

  it('SMALLER 0 matches nothing, LARGER 0 everything: imapflow drops a zero, so neither reaches it as 0', async () => {
    expect(matchesNothing({ smaller: 0 })).toBe(true);
    expect(matchesNothing({ larger: 100, smaller: 101 })).toBe(true);
    expect(matchesNothing({ larger: 100, smaller: 102 })).toBe(false);
    expect(matchesNothing({ larger: 0 })).toBe(false);
    expect(contentQuery({ larger: 0 })).toBeNull();
    expect(await wire(toSearchObject({ smaller: 0 }))).toBe('A1 UID SEARCH NOT ALL');
  });

  it('has-attachment is the Content-Type candidates, one NOT per object', async () => {
    expect(await wire(toSearchObject({ attachment: true, smaller: 0 }))).toMatch(/^A1 UID SEARCH NOT OR \(OR HEADER CONTENT-TYPE text\/plain HEADER CONTENT-TYPE text\/html NOT /);
    expect(await wire(toSearchObject({ attachment: false }))).toMatch(/^A1 UID SEARCH NOT NOT \(OR HEADER CONTENT-TYPE text\/plain/);
    expect(await wire(toSearchObject({ attachment: true }))).toContain('HEADER CONTENT-DISPOSITION attachment');
  });

  it('a key of the criteria ignores absent fields and tells different criteria apart', () => {
    expect(criteriaKey({ body: 'x' })).toBe(criteriaKey({ body: 'x', unread: undefined }));
    expect(criteriaKey({ body: 'x' })).not.toBe(criteriaKey({ subject: 'x' }));
    expect(criteriaKey({ unread: true })).not.toBe(criteriaKey({ unread: false }));
  });
});

describe('hostile search terms on the wire', () => {
  it('quotes and backslashes are escaped inside a quoted string', async () => {
    expect(await wire(toSearchObject({ subject: 'say "hi" \\ bye' }))).toBe('A1 UID SEARCH SUBJECT "say \\"hi\\" \\\\ bye"');
  });

  it('a fake literal, braces, parentheses and wildcards stay one quoted value', async () => {
    expect(await wire(toSearchObject({ subject: '{5}' }))).toBe('A1 UID SEARCH SUBJECT "{5}"');
    expect(await wire(toSearchObject({ from: 'x) ALL (' }))).toBe('A1 UID SEARCH FROM "x) ALL ("');
    expect(await wire(toSearchObject({ body: '*%]' }))).toBe('A1 UID SEARCH BODY "*%]"');
    expect(await wire(toSearchObject({ to: 'a\tb' }))).toBe('A1 UID SEARCH TO "a\tb"');
  });

  it('an atom-like term is still a value: NIL or ALL in the FROM position are strings to the server', async () => {
    expect(await wire(toSearchObject({ from: 'NIL' }))).toBe('A1 UID SEARCH FROM NIL');
    expect(await wire(toSearchObject({ body: 'ALL' }))).toBe('A1 UID SEARCH BODY ALL');
  });

  it('non-ASCII goes as a literal of its UTF-8 octets, after CHARSET UTF-8', async () => {
    expect(await wire(toSearchObject({ from: 'Zoë' }))).toBe('A1 UID SEARCH CHARSET UTF-8 FROM {4+}\r\nZoë');
    expect(await wire(toSearchObject({ text: 'Chloé' }))).toBe(
      'A1 UID SEARCH CHARSET UTF-8 OR OR FROM {6+}\r\nChloé TO {6+}\r\nChloé OR SUBJECT {6+}\r\nChloé BODY {6+}\r\nChloé',
    );
    expect(await wire(toSearchObject({ subject: '来週 "{3}"' }))).toBe('A1 UID SEARCH CHARSET UTF-8 SUBJECT {12+}\r\n来週 "{3}"');
  });

  it('refuses NUL, CR and LF with VALIDATION_FAILED naming the field, before anything is sent', () => {
    for (const [field, value] of [
      ['text', 'a\r\nA2 LOGOUT'],
      ['from', 'x\ny'],
      ['to', 'x\rY'],
      ['subject', '{5}\r\nhello'],
      ['body', 'nul\0byte'],
    ] as const) {
      const err = refusal(() => toSearchObject({ [field]: value }));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.extra.field).toBe(field);
      expect(refusal(() => assertSendable({ [field]: value })).extra.field).toBe(field);
    }
  });

  it('everything else a person can type passes the check', () => {
    expect(() => assertSendable({ text: `"'\\{}()[]*%~\`\t Zoë 来週 🎉` })).not.toThrow();
  });
});

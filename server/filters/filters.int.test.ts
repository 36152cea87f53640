import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createUser, deliver, readSink, waitForMessage, type TestUser } from '../../e2e/mailserver/mailstack.js';
import type { ApiResponse } from '../../e2e/support/api-client.js';
import { flagsOf } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { signIn, useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { startWebmail } from '../../e2e/support/webmail.js';
import type { ApiError } from '../../shared/errors.js';
import { EMPTY_FILTER_SET, FILTERS_API, type FilterRule, type FilterSet, type FilterState, type Vacation } from '../../shared/filters.js';

// Filters and vacation against the real Pigeonhole and Postfix: rules saved through our API the
// way the form sends them, mail delivered through Postfix's injection port, the effect checked
// from an independent IMAP connection and in the sink (readSink) for replies.

const stack = inject('mailstack');

const uniq = () => Math.random().toString(36).slice(2, 10);

const getState = async (client = me.api) => {
  const res = await client.get<FilterState>(FILTERS_API.filters);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
};
const saveForm = (set: FilterSet, client = me.api) => client.request<FilterState | ApiError>('PUT', FILTERS_API.filters, set);
const saveRaw = (script: string, client = me.api) => client.request<FilterState | ApiError>('PUT', FILTERS_API.raw, { script });

function deliverFrom(from: string, to: TestUser, subject: string, opts: { headers?: Record<string, string>; messageId?: string } = {}) {
  return deliver(stack, { from, to: [to.address], raw: plainMessage(`Hello from ${from}`, { from, to: to.address, subject, ...opts }) });
}

/** Polls the sink until `pred` holds for its files (delivery through Postfix is asynchronous). */
async function sinkUntil(pred: (m: ReturnType<typeof readSink>) => boolean, what: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const all = readSink(stack);
    if (pred(all)) return all;
    if (Date.now() > deadline) throw new Error(`the sink never held ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Dovecot's log lines about one delivered message (Pigeonhole logs each action with the msgid). */
async function logUntil(messageId: string, re: RegExp): Promise<string> {
  const log = path.join(stack.runDir, 'dovecot', 'dovecot.log');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const line = readFileSync(log, 'utf8').split('\n').find((l) => l.includes(messageId) && re.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line for ${messageId} matching ${re}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const rule = (over: Partial<FilterRule>): FilterRule => ({ name: 'rule', enabled: true, match: 'all', conditions: [], actions: [], ...over });
const vacationOn = (over: Partial<Vacation> = {}): Vacation => ({ ...EMPTY_FILTER_SET.vacation, enabled: true, subject: 'Away', body: 'I am away.', days: 1, ...over });

const webmail = useWebmail();
const me = useUser(webmail, { probe: true });

describe('filters over ManageSieve', () => {
  it('starts empty: a form with no rules and no script', async () => {
    const state = await getState();
    expect(state).toMatchObject({ mode: 'form', form: EMPTY_FILTER_SET, scriptName: null, active: false, script: '', scripts: [] });
    expect(state.extensions).toEqual(expect.arrayContaining(['fileinto', 'imap4flags', 'vacation', 'date', 'relational']));
  });

  it('a rule saved from the form files a message delivered through Postfix into a UTF-8 folder, marked read', async () => {
    const folder = `Reçus ${uniq()}/Été`;
    await me.probe.mailboxCreate(folder);
    const tag = uniq();
    const set: FilterSet = {
      ...EMPTY_FILTER_SET,
      rules: [
        rule({
          name: 'Invoices',
          match: 'any',
          conditions: [
            { field: 'subject', op: 'contains', value: `invoice ${tag}` },
            { field: 'header:X-Billing', op: 'is', value: tag },
          ],
          actions: [
            { type: 'fileinto', folder },
            { type: 'addflag', flag: '\\Seen' },
          ],
        }),
      ],
    };
    const saved = await saveForm(set);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ mode: 'form', form: set, scriptName: 'webmail', active: true });

    await deliverFrom('shop@outside.test', me, `Your invoice ${tag}`);
    await deliverFrom('bank@outside.test', me, `Statement ${tag}`, { headers: { 'X-Billing': tag } });
    await deliverFrom('friend@outside.test', me, `Lunch ${tag}`);
    const [byHeader] = await waitForMessage(stack, me.address, `Statement ${tag}`, { folder });
    const [bySubject] = await waitForMessage(stack, me.address, `invoice ${tag}`, { folder });
    expect(await flagsOf(me.probe, folder, bySubject!)).toContain('\\Seen');
    expect(await flagsOf(me.probe, folder, byHeader!)).toContain('\\Seen');
    // The one that matches no condition stays in INBOX, unread.
    const [lunch] = await waitForMessage(stack, me.address, `Lunch ${tag}`);
    expect(await flagsOf(me.probe, 'INBOX', lunch!)).not.toContain('\\Seen');
  });

  it('redirects a copy to another address through Postfix (the sink), keeping the message', async () => {
    const tag = uniq();
    const target = `assistant-${tag}@elsewhere.test`;
    const set: FilterSet = { ...EMPTY_FILTER_SET, rules: [rule({ conditions: [{ field: 'from', op: 'contains', value: 'boss@' }], actions: [{ type: 'redirect', address: target, copy: true }] })] };
    expect((await saveForm(set)).status).toBe(200);
    await deliverFrom('boss@outside.test', me, `Report ${tag}`);
    const sunk = await sinkUntil((all) => all.some((m) => m.recipient === target), `a copy for ${target}`);
    expect(sunk.find((m) => m.recipient === target)!.raw).toContain(`Subject: Report ${tag}`);
    expect(await waitForMessage(stack, me.address, `Report ${tag}`)).toHaveLength(1);
  });

  it('keeps hostile values literal: the real Pigeonhole compiles them and the form reads back the same', async () => {
    const nasty = '"; discard; # \\ ${hex:41} */';
    const set: FilterSet = {
      rules: [rule({ name: nasty, conditions: [{ field: 'subject', op: 'matches', value: `*${nasty}*` }], actions: [{ type: 'addflag', flag: '\\Flagged' }] })],
      vacation: vacationOn({ subject: nasty, body: `line\r\n.\r\ndiscard;\r\n..\r\n${nasty}`, from: '2000-01-01', until: '2000-01-02' }),
    };
    const saved = await saveForm(set);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect((saved.json as FilterState).mode).toBe('form');
    expect((saved.json as FilterState).form).toEqual(set);
    const tag = uniq();
    await deliverFrom('x@outside.test', me, `plain ${tag}`);
    const [uid] = await waitForMessage(stack, me.address, `plain ${tag}`);
    expect(await flagsOf(me.probe, 'INBOX', uid!)).not.toContain('\\Flagged'); // not discarded, not matched
  });

  it('invalid raw Sieve is SIEVE_INVALID with Pigeonhole\'s message, and the active script does not change', async () => {
    const before = await getState();
    const res = await saveRaw('require "fileinto";\nif header :contains "subject" "x" {\n  fileinto "Junk"\n}\n');
    expect(res.status).toBe(400);
    const { error } = res.json as ApiError;
    expect(error.code).toBe('SIEVE_INVALID');
    // Pigeonhole's own words, with the line of the mistake.
    expect(error.message).toMatch(/^line 4: error: expected end of command ';'/);
    const after = await getState();
    expect(after.script).toBe(before.script);
    expect(after.scripts).toEqual(before.scripts);
  });

  it('a form that breaks the contract is VALIDATION_FAILED and changes nothing', async () => {
    const before = await getState();
    const bad = { ...EMPTY_FILTER_SET, vacation: vacationOn({ from: '2030-02-01', until: '2030-01-01' }) };
    const res = await saveForm(bad);
    expect(res.status).toBe(400);
    expect((res.json as ApiError).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'vacation.until' });
    const field = await saveForm({ ...EMPTY_FILTER_SET, rules: [rule({ conditions: [{ field: 'body', op: 'contains', value: 'x' }], actions: [{ type: 'stop' }] })] });
    expect((field.json as ApiError).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'rules.0.conditions.0.field' });
    expect((await getState()).script).toBe(before.script);
  });

  it('valid raw Sieve is stored and active, and shown as raw only; the form takes over again when saved', async () => {
    const tag = uniq();
    const raw = `require ["fileinto"];\n# by hand\nif header :contains "subject" "raw ${tag}" { fileinto "Archive"; }\n`;
    const res = await saveRaw(raw);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ mode: 'raw', scriptName: 'webmail', active: true, script: raw.replace(/\n/g, '\r\n') });
    await deliverFrom('y@outside.test', me, `raw ${tag}`);
    expect(await waitForMessage(stack, me.address, `raw ${tag}`, { folder: 'Archive' })).toHaveLength(1);

    // A generated script edited by hand is raw too.
    const form = (await saveForm({ ...EMPTY_FILTER_SET, rules: [rule({ conditions: [{ field: 'to', op: 'is', value: 'x@y' }], actions: [{ type: 'discard' }] })] })).json as FilterState;
    expect(form.mode).toBe('form');
    const edited = await saveRaw(form.script.replace('discard;', 'keep;'));
    expect(edited.json).toMatchObject({ mode: 'raw', form: EMPTY_FILTER_SET });
  });

  it('another user never sees this user\'s script: each signs in to ManageSieve as themselves', async () => {
    expect((await getState()).scriptName).toBe('webmail');
    const other = await createUser(stack);
    const otherApi = await signIn(webmail.app, other);
    try {
      expect(await getState(otherApi)).toMatchObject({ mode: 'form', form: EMPTY_FILTER_SET, scriptName: null, script: '', scripts: [] });
    } finally {
      otherApi.close();
    }
  });
});

describe('vacation reply', () => {
  it('answers each external sender once within :days, through Postfix', async () => {
    const vacationUser = await createUser(stack);
    const client = await signIn(webmail.app, vacationUser);
    try {
      const saved = await saveForm({ ...EMPTY_FILTER_SET, vacation: vacationOn({ subject: 'Out of office', body: 'Back on Monday.\n.\nBye', from: '2000-01-01', until: '2999-12-31', days: 1 }) }, client);
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      const tag = uniq();
      const first = `ann-${tag}@outside.test`;
      const second = `ben-${tag}@outside.test`;
      const repliesTo = (all: ReturnType<typeof readSink>, rcpt: string) => all.filter((m) => m.recipient === rcpt && /^Auto-Submitted: auto-replied/m.test(m.raw));

      await deliverFrom(first, vacationUser, `one ${tag}`, { messageId: `<one-${tag}@outside.test>` });
      const one = await sinkUntil((all) => repliesTo(all, first).length === 1, `a reply to ${first}`);
      const reply = repliesTo(one, first)[0]!.raw;
      expect(reply).toMatch(/^Subject: Out of office$/m);
      expect(reply).toMatch(/^In-Reply-To: <one-/m);
      expect(reply).toContain('Back on Monday.\n.\nBye');

      // The same sender again: Pigeonhole remembers the reply and sends none (RFC 5230 §4.2).
      await deliverFrom(first, vacationUser, `two ${tag}`, { messageId: `<two-${tag}@outside.test>` });
      expect(await logUntil(`two-${tag}@outside.test`, /vacation/)).toMatch(/discarded duplicate vacation response to <ann-/);
      // Another sender still gets their own reply; by then any second reply to the first would be in the sink too.
      await deliverFrom(second, vacationUser, `three ${tag}`, { messageId: `<three-${tag}@outside.test>` });
      const all = await sinkUntil((m) => repliesTo(m, second).length === 1, `a reply to ${second}`);
      expect(repliesTo(all, first)).toHaveLength(1);
      expect(await waitForMessage(stack, vacationUser.address, `two ${tag}`)).toHaveLength(1);
    } finally {
      client.close();
    }
  });

  it('stays silent outside its dates', async () => {
    const quiet = await createUser(stack);
    const client = await signIn(webmail.app, quiet);
    try {
      expect((await saveForm({ ...EMPTY_FILTER_SET, vacation: vacationOn({ from: '2001-01-01', until: '2001-01-31' }) }, client)).status).toBe(200);
      const tag = uniq();
      await deliverFrom(`cy-${tag}@outside.test`, quiet, `late ${tag}`, { messageId: `<late-${tag}@outside.test>` });
      await waitForMessage(stack, quiet.address, `late ${tag}`);
      // The script ran to its implicit keep, which Pigeonhole performs after every other action
      // (vacation included) and logs: by then a reply would have been logged.
      await logUntil(`late-${tag}@outside.test`, /stored mail into mailbox 'INBOX'/);
      const log = readFileSync(path.join(stack.runDir, 'dovecot', 'dovecot.log'), 'utf8');
      expect(log.split('\n').filter((l) => l.includes(`late-${tag}@outside.test`) && /vacation/.test(l))).toEqual([]);
      expect(readSink(stack).filter((m) => m.recipient === `cy-${tag}@outside.test`)).toEqual([]);
    } finally {
      client.close();
    }
  });
});

describe('ManageSieve security', () => {
  it('a server certificate the configured CA did not sign: SIEVE_UNAVAILABLE, and no login reached Dovecot', async () => {
    const wrongCa = path.join(tmpdir(), `not-the-stack-ca-${uniq()}.pem`);
    writeFileSync(wrongCa, webmail.app.caPem); // the webmail's own self-signed certificate: a CA, but not the mail server's
    const other = await startWebmail(stack.env, { WEBMAIL_SIEVE_CA_FILE: wrongCa });
    const lonely = await createUser(stack);
    const client = await signIn(other, lonely);
    try {
      const res = await client.get<ApiError>(FILTERS_API.filters);
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('SIEVE_UNAVAILABLE');
      const log = readFileSync(path.join(stack.runDir, 'dovecot', 'dovecot.log'), 'utf8');
      expect(log).toMatch(new RegExp(`imap-login: Info: Login: user=<${lonely.address}>`)); // the webmail's own IMAP login
      expect(log).not.toMatch(new RegExp(`managesieve-login: Info: Login: user=<${lonely.address}>`));
    } finally {
      client.close();
      await other.stop();
    }
  });

  it('filters turned off (WEBMAIL_SIEVE_PORT=off) answer SIEVE_UNAVAILABLE', async () => {
    const off = await startWebmail(stack.env, { WEBMAIL_SIEVE_PORT: 'off' });
    const client = await signIn(off, me);
    try {
      const res: ApiResponse<ApiError> = await client.get(FILTERS_API.filters);
      expect(res.status).toBe(503);
      expect(res.json.error).toMatchObject({ code: 'SIEVE_UNAVAILABLE', message: expect.stringMatching(/turned off/) });
    } finally {
      client.close();
      await off.stop();
    }
  });
});

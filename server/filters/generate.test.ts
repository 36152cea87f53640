import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER_SET, type Condition, type FilterAction, type FilterRule, type FilterSet, type Vacation } from '../../shared/filters.js';
import { readForm } from './form.js';
import { FORM_MARKER, generateScript, multiline, quote } from './generate.js';

/**
 * A Sieve lexer written from RFC 5228 §2 for the tests alone: comments, quoted strings (with
 * "\" escapes), multi-line "text:" strings (with dot-unstuffing), and everything else as words.
 * It is how the server reads the script, so a value that broke out of its string would show up
 * here as extra words.
 */
type Lexeme = { t: 'str'; v: string } | { t: 'word'; v: string };
function lex(s: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '#') i = s.indexOf('\r\n', i) < 0 ? s.length : s.indexOf('\r\n', i) + 2;
    else if (s.startsWith('/*', i)) i = s.indexOf('*/', i) + 2;
    else if (c === '"') {
      let v = '';
      for (i++; s[i] !== '"'; i++) {
        if (i >= s.length) throw new Error('unterminated string');
        if (s[i] === '\\') i++;
        v += s[i];
      }
      i++;
      out.push({ t: 'str', v });
    } else if (s.startsWith('text:', i)) {
      i = s.indexOf('\r\n', i) + 2;
      const lines: string[] = [];
      for (;;) {
        const end = s.indexOf('\r\n', i);
        if (end < 0) throw new Error('unterminated text:');
        const line = s.slice(i, end);
        i = end + 2;
        if (line === '.') break;
        lines.push(line.startsWith('..') ? line.slice(1) : line);
      }
      out.push({ t: 'str', v: lines.map((l) => `${l}\r\n`).join('') });
    } else {
      const m = /^(:?[A-Za-z_][A-Za-z0-9_]*|\d+[KMG]?|[;,()[\]{}])/.exec(s.slice(i));
      if (!m) throw new Error(`unexpected ${JSON.stringify(s.slice(i, i + 10))}`);
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}
const words = (s: string) => lex(s).map((l) => (l.t === 'word' ? l.v : '"…"'));
const strings = (s: string) => lex(s).flatMap((l) => (l.t === 'str' ? [l.v] : []));
/** The script without its two header comment lines. */
const body = (s: string) => s.split('\r\n').slice(2).join('\r\n');

const rule = (over: Partial<FilterRule> = {}): FilterRule => ({
  name: 'r',
  enabled: true,
  match: 'all',
  conditions: [{ field: 'subject', op: 'contains', value: 'x' }],
  actions: [{ type: 'discard' }],
  ...over,
});
const vacation = (over: Partial<Vacation> = {}): Vacation => ({ ...EMPTY_FILTER_SET.vacation, enabled: true, body: 'Away.', ...over });
const set = (rules: FilterRule[], v: Vacation = EMPTY_FILTER_SET.vacation): FilterSet => ({ rules, vacation: v });

describe('generateScript: conditions', () => {
  const one = (c: Condition) => body(generateScript(set([rule({ conditions: [c] })])));
  it.each([
    ['from', 'contains', 'header :contains "from" "alice"'],
    ['to', 'is', 'header :is ["to", "cc"] "alice"'],
    ['subject', 'matches', 'header :matches "subject" "alice"'],
    ['header:X-Spam-Flag', 'not-contains', 'not header :contains "X-Spam-Flag" "alice"'],
    ['from', 'not-is', 'not header :is "from" "alice"'],
    ['subject', 'not-matches', 'not header :matches "subject" "alice"'],
  ] as const)('%s %s', (field, op, test) => {
    expect(one({ field, op, value: 'alice' })).toContain(`if ${test} {\r\n  discard;\r\n}`);
  });

  it('joins conditions with allof or anyof', () => {
    const conditions: Condition[] = [
      { field: 'from', op: 'contains', value: 'a' },
      { field: 'subject', op: 'is', value: 'b' },
    ];
    expect(generateScript(set([rule({ conditions })]))).toContain('if allof (header :contains "from" "a",\r\n    header :is "subject" "b") {');
    expect(generateScript(set([rule({ conditions, match: 'any' })]))).toContain('if anyof (header :contains "from" "a",');
  });
});

describe('generateScript: actions', () => {
  const one = (a: FilterAction) => generateScript(set([rule({ actions: [a] })]));
  it.each([
    [{ type: 'fileinto', folder: 'Projets/Été' }, 'fileinto "Projets/Été";', ['fileinto']],
    [{ type: 'addflag', flag: '\\Seen' }, 'addflag "\\\\Seen";', ['imap4flags']],
    [{ type: 'addflag', flag: '\\Flagged' }, 'addflag "\\\\Flagged";', ['imap4flags']],
    [{ type: 'redirect', address: 'boss@example.org', copy: true }, 'redirect :copy "boss@example.org";', ['copy']],
    [{ type: 'redirect', address: 'boss@example.org', copy: false }, 'redirect "boss@example.org";', []],
    [{ type: 'discard' }, 'discard;', []],
    [{ type: 'stop' }, 'stop;', []],
  ] as Array<[FilterAction, string, string[]]>)('%j', (action, command, requires) => {
    const script = one(action);
    expect(script).toContain(`  ${command}\r\n`);
    const req = /^require (.*);$/m.exec(script)?.[1];
    expect(req ? strings(req) : []).toEqual(requires);
  });

  it('puts flags before fileinto, so the filed copy is marked read (RFC 5232 §5)', () => {
    const script = generateScript(set([rule({ actions: [{ type: 'fileinto', folder: 'Work' }, { type: 'addflag', flag: '\\Seen' }] })]));
    expect(script).toContain('  addflag "\\\\Seen";\r\n  fileinto "Work";\r\n');
    expect(strings(/^require (.*);$/m.exec(script)![1]!)).toEqual(['fileinto', 'imap4flags']);
  });

  it('keeps a rule that is off in the form only, as a comment', () => {
    const script = generateScript(set([rule({ enabled: false, actions: [{ type: 'fileinto', folder: 'Old' }] })]));
    expect(body(script)).toBe('\r\n# Rule 1 (off): r\r\n');
    expect(readForm(script)?.rules[0]?.enabled).toBe(false);
  });
});

describe('generateScript: vacation', () => {
  it('without dates replies always, with :days, :subject and :addresses', () => {
    const script = generateScript(set([], vacation({ subject: 'Away', days: 3, addresses: ['me@example.test', 'alias@example.test'] })));
    expect(body(script)).toBe(
      'require "vacation";\r\n\r\n# Vacation reply\r\nvacation :days 3 :subject "Away" :addresses ["me@example.test", "alias@example.test"] text:\r\nAway.\r\n.\r\n;\r\n',
    );
  });

  it('leaves :subject to the server when empty', () => {
    expect(generateScript(set([], vacation()))).toContain('vacation :days 7 text:\r\n');
  });

  it('limits the reply to the dates with currentdate (RFC 5260 §5)', () => {
    const both = generateScript(set([], vacation({ from: '2030-07-01', until: '2030-07-31' })));
    expect(both).toContain('require ["vacation", "date", "relational"];');
    expect(both).toContain('if allof (currentdate :value "ge" "date" "2030-07-01", currentdate :value "le" "date" "2030-07-31") {\r\n  vacation :days 7 text:\r\nAway.\r\n.\r\n  ;\r\n}');
    expect(generateScript(set([], vacation({ from: '2030-07-01' })))).toContain('if currentdate :value "ge" "date" "2030-07-01" {');
    expect(generateScript(set([], vacation({ until: '2030-07-31' })))).toContain('if currentdate :value "le" "date" "2030-07-31" {');
  });

  it('comes before the rules, so filing or discarding a message does not silence it', () => {
    const script = generateScript(set([rule()], vacation()));
    expect(script.indexOf('vacation :days')).toBeLessThan(script.indexOf('discard;'));
  });

  it('writes nothing for a vacation that is off', () => {
    expect(body(generateScript(set([])))).toBe('');
  });
});

describe('escaping hostile values', () => {
  const hostile = [
    '"; discard; #',
    'a\\"; redirect "evil@example.org',
    '\\',
    'end\\',
    '\r\n.\r\ndiscard;\r\n',
    'x\ry\nz',
    '*/ discard; /*',
    '${hex:22} ${x}',
    'text:\r\n.\r\n',
  ];

  it('quote() escapes only backslash and double quote', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(lex(quote('a"b\\c'))).toEqual([{ t: 'str', v: 'a"b\\c' }]);
  });

  it('multiline() dot-stuffs every line that starts with a dot, so none is the terminator', () => {
    expect(multiline('.\r\n..\r\n.x')).toBe('text:\r\n..\r\n...\r\n..x\r\n.\r\n');
    expect(lex(multiline('one\n.\ntwo'))).toEqual([{ t: 'str', v: 'one\r\n.\r\ntwo\r\n' }]);
  });

  it.each(hostile)('%j stays one string wherever it goes', (value) => {
    const make = (v: string) =>
      set(
        [
          rule({
            name: v,
            conditions: [
              { field: 'subject', op: 'contains', value: v },
              { field: `header:X-${v.length}`, op: 'matches', value: v },
            ],
            actions: [
              { type: 'fileinto', folder: v },
              { type: 'redirect', address: v, copy: true },
            ],
          }),
        ],
        vacation({ subject: v, body: v, addresses: [v] }),
      );
    const benign = generateScript(make('plain'));
    const evil = generateScript(make(value));
    // Same commands, tests and arguments: nothing was added outside the strings.
    expect(words(body(evil))).toEqual(words(body(benign)));
    const crlf = value.replace(/\r\n|\r|\n/g, '\r\n');
    const texts = strings(body(evil));
    const text = crlf.endsWith('\r\n') ? crlf : `${crlf}\r\n`; // the vacation text ends with its own line break
    expect(texts).toContain(text);
    // And six times as a quoted string: subject test, matches test, fileinto, redirect, :subject, :addresses.
    expect(texts.filter((s) => s === crlf)).toHaveLength(text === crlf ? 7 : 6);
    // The form comment stays one line and reads back, even for values the contract refuses.
    expect(evil.split('\r\n')[1]!.startsWith(FORM_MARKER)).toBe(true);
    expect(JSON.parse(evil.split('\r\n')[1]!.slice(FORM_MARKER.length)).vacation.body).toBe(value);
  });
});

describe('readForm: the JSON header round trip', () => {
  const full = set(
    [
      rule({ name: 'Boss', conditions: [{ field: 'from', op: 'contains', value: 'boss@' }], actions: [{ type: 'addflag', flag: '\\Seen' }, { type: 'fileinto', folder: 'Work/Été' }] }),
      rule({ name: 'Off', enabled: false, match: 'any' }),
    ],
    vacation({ from: '2030-01-01', until: '2030-01-02', subject: 'Out "of" office', body: 'Back soon.\n.\nBye', days: 2, addresses: ['me@example.test'] }),
  );

  it('gives back the set a script was generated from', () => {
    expect(readForm(generateScript(full))).toEqual(full);
    expect(readForm(generateScript(EMPTY_FILTER_SET))).toEqual(EMPTY_FILTER_SET);
  });

  it('does not care about key order or line endings', () => {
    const shuffled = { vacation: { ...full.vacation }, rules: full.rules.map((r) => ({ actions: r.actions, conditions: r.conditions, match: r.match, enabled: r.enabled, name: r.name })) };
    expect(generateScript(shuffled)).toBe(generateScript(full));
    expect(readForm(generateScript(full).replace(/\r\n/g, '\n'))).toEqual(full);
    expect(readForm(`${generateScript(full)}\n\n`)).toEqual(full);
  });

  it('is raw-only once the script was changed by hand, or was never ours', () => {
    const script = generateScript(full);
    expect(readForm(script.replace('fileinto "Work/Été";', 'fileinto "Work";'))).toBeNull();
    expect(readForm(`${script}discard;\r\n`)).toBeNull();
    expect(readForm(script.replace('"boss@"', '"chef@"'))).toBeNull(); // the JSON says boss@: it no longer matches
    expect(readForm(script.replace(FORM_MARKER, '# other: '))).toBeNull();
    expect(readForm(script.replace('{"v":1', '{"v":2'))).toBeNull();
    expect(readForm(script.replace(/(# webmail-filters: ).*/, '$1{not json'))).toBeNull();
    expect(readForm('require "fileinto";\r\nfileinto "x";\r\n')).toBeNull();
  });

  it('refuses a header whose rules break the contract, even if the text matches', () => {
    const bad = { ...full, vacation: { ...full.vacation, days: 0 } };
    expect(readForm(generateScript(bad))).toBeNull();
  });
});

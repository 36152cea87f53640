import type { Condition, FilterAction, FilterRule, FilterSet, Vacation } from '../../shared/filters.js';

// From the filter form to a Sieve script (RFC 5228). Every user string goes out either as a
// quoted string with "\" and '"' escaped, or as a multi-line "text:" block with dot-stuffing
// (§2.4.2), so no value can end its string early and add commands. The script never requires
// "variables" (RFC 5229) or "encoded-character" (RFC 5228 §2.4.2.4), so "${…}" in a value stays
// literal text. The form itself rides along as one JSON comment line (FORM_MARKER) that
// readForm (form.ts) reads back.

/** The comment line that carries the form: the marker, then the FilterSet as JSON (which escapes every control character, so it stays one line). */
export const FORM_MARKER = '# webmail-filters: ';
export const FORM_VERSION = 1;

const CRLF = '\r\n';
const INDENT = '  ';

/** Any line break as CRLF, the only one RFC 5228 knows (§2.2); a lone CR or LF would be refused or read differently. */
function crlf(s: string): string {
  return s.replace(/\r\n|\r|\n/g, CRLF);
}

/** A Sieve quoted string (RFC 5228 §2.4.2): backslash and double quote escaped, nothing else special. */
export function quote(s: string): string {
  return `"${crlf(s).replace(/[\\"]/g, '\\$&')}"`;
}

export function stringList(items: string[]): string {
  return items.length === 1 ? quote(items[0]!) : `[${items.map(quote).join(', ')}]`;
}

/**
 * A multi-line string (RFC 5228 §2.4.2): "text:" CRLF, the lines with a leading "." doubled, then "." CRLF.
 * Dot-stuffing means no line of the value can be the terminator, whatever it holds.
 */
export function multiline(s: string): string {
  const lines = crlf(s).split(CRLF);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop(); // a final line break is the block's own
  return `text:${CRLF}${lines.map((l) => (l.startsWith('.') ? `.${l}` : l)).join(CRLF)}${CRLF}.${CRLF}`;
}

/** A comment that stays one line whatever it is given (a hash comment ends at CRLF, §2.3). */
function comment(s: string): string {
  return `# ${s.replace(/[\r\n]+/g, ' ')}`;
}

const HEADERS_OF: Record<string, string[]> = { from: ['from'], to: ['to', 'cc'], subject: ['subject'] };

function headersOf(field: string): string[] {
  return HEADERS_OF[field] ?? [field.slice('header:'.length)];
}

function conditionTest(c: Condition): string {
  const negated = c.op.startsWith('not-');
  const match = negated ? c.op.slice(4) : c.op;
  // header, not address: "from contains Alice" should match the display name as people see it (§5.7).
  const test = `header :${match} ${stringList(headersOf(c.field))} ${quote(c.value)}`;
  return negated ? `not ${test}` : test;
}

function ruleTest(rule: FilterRule): string {
  if (rule.conditions.length === 1) return conditionTest(rule.conditions[0]!);
  const tests = rule.conditions.map(conditionTest).join(`,${CRLF}${INDENT}${INDENT}`);
  return `${rule.match === 'all' ? 'allof' : 'anyof'} (${tests})`;
}

function actionCommand(a: FilterAction): string {
  switch (a.type) {
    case 'fileinto':
      return `fileinto ${quote(a.folder)};`;
    case 'addflag':
      return `addflag ${quote(a.flag)};`;
    case 'redirect':
      return `redirect ${a.copy ? ':copy ' : ''}${quote(a.address)};`;
    case 'discard':
      return 'discard;';
    case 'stop':
      return 'stop;';
  }
}

/** Flags first: fileinto and the implicit keep store the flags set before them (RFC 5232 §3, §5). */
function orderedActions(actions: FilterAction[]): FilterAction[] {
  return [...actions.filter((a) => a.type === 'addflag'), ...actions.filter((a) => a.type !== 'addflag')];
}

function ruleBlock(rule: FilterRule, index: number): string {
  const title = comment(`Rule ${index + 1}${rule.enabled ? '' : ' (off)'}: ${rule.name}`);
  if (!rule.enabled) return `${CRLF}${title}${CRLF}`;
  const body = orderedActions(rule.actions).map((a) => `${INDENT}${actionCommand(a)}${CRLF}`).join('');
  return `${CRLF}${title}${CRLF}if ${ruleTest(rule)} {${CRLF}${body}}${CRLF}`;
}

/** The absence's days by the server's clock: currentdate compared as ISO dates (RFC 5260 §5, RFC 5231 :value). */
function dateRange(v: Vacation): string | null {
  const tests = [
    ...(v.from ? [`currentdate :value "ge" "date" ${quote(v.from)}`] : []),
    ...(v.until ? [`currentdate :value "le" "date" ${quote(v.until)}`] : []),
  ];
  if (tests.length === 0) return null;
  return tests.length === 1 ? tests[0]! : `allof (${tests.join(', ')})`;
}

function vacationBlock(v: Vacation): string {
  if (!v.enabled) return '';
  const args = [`:days ${v.days}`, ...(v.subject ? [`:subject ${quote(v.subject)}`] : []), ...(v.addresses.length ? [`:addresses ${stringList(v.addresses)}`] : [])];
  const range = dateRange(v);
  const pad = range ? INDENT : '';
  // The reason ends the command; ";" follows the text block's terminator line.
  const command = `${pad}vacation ${args.join(' ')} ${multiline(v.body)}${pad};${CRLF}`;
  // First, so a rule that files or discards the message does not silence the reply; vacation itself
  // never answers lists, bulk mail or auto-replies (RFC 5230 §4.6), nor a sender twice in :days.
  return `${CRLF}${comment('Vacation reply')}${CRLF}${range ? `if ${range} {${CRLF}${command}}${CRLF}` : command}`;
}

function requirements(set: FilterSet): string[] {
  const need = new Set<string>();
  if (set.vacation.enabled) {
    need.add('vacation');
    if (set.vacation.from || set.vacation.until) ['date', 'relational'].forEach((x) => need.add(x));
  }
  for (const rule of set.rules.filter((r) => r.enabled)) {
    for (const a of rule.actions) {
      if (a.type === 'fileinto') need.add('fileinto');
      if (a.type === 'addflag') need.add('imap4flags');
      if (a.type === 'redirect' && a.copy) need.add('copy');
    }
  }
  return ['fileinto', 'imap4flags', 'copy', 'vacation', 'date', 'relational'].filter((x) => need.has(x));
}

function canonicalAction(a: FilterAction): FilterAction {
  switch (a.type) {
    case 'fileinto':
      return { type: a.type, folder: a.folder };
    case 'addflag':
      return { type: a.type, flag: a.flag };
    case 'redirect':
      return { type: a.type, address: a.address, copy: a.copy };
    default:
      return { type: a.type };
  }
}

/** The set with its keys in one order and nothing else, so equal sets give equal JSON (readForm compares texts). */
export function canonicalSet(set: FilterSet): FilterSet {
  const v = set.vacation;
  return {
    rules: set.rules.map((r) => ({
      name: r.name,
      enabled: r.enabled,
      match: r.match,
      conditions: r.conditions.map((c) => ({ field: c.field, op: c.op, value: c.value })),
      actions: r.actions.map(canonicalAction),
    })),
    vacation: { enabled: v.enabled, from: v.from, until: v.until, subject: v.subject, body: v.body, days: v.days, addresses: [...v.addresses] },
  };
}

/** The whole script for a filter set; the same set always gives the same text. */
export function generateScript(input: FilterSet): string {
  const set = canonicalSet(input);
  const req = requirements(set);
  const parts = [
    `${comment("Filters and vacation reply of the webmail. Change them there: a script edited by hand is no longer shown as a form.")}${CRLF}`,
    `${FORM_MARKER}${JSON.stringify({ v: FORM_VERSION, ...set })}${CRLF}`,
    req.length ? `require ${stringList(req)};${CRLF}` : '',
    vacationBlock(set.vacation),
    ...set.rules.map(ruleBlock),
  ];
  return parts.join('');
}

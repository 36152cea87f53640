import { z } from 'zod';

/**
 * The filters and vacation contract (issue 7 part 5). Both live in one Sieve
 * script (RFC 5228) on the user's ManageSieve server (RFC 5804): the form's
 * rules are written into the script itself, so the server stays the single
 * source of truth. A script changed by hand no longer matches its rules and
 * is offered as raw Sieve only.
 */

export const FILTERS_API = {
  /** GET: the filter state. PUT a FilterSet: generated, checked by the server, stored and activated. */
  filters: '/api/filters',
  /** PUT {script}: hand-written Sieve, checked by the server before it replaces the active script. */
  raw: '/api/filters/raw',
} as const;

/** The name of the script the webmail writes and activates (other scripts are left alone, inactive). */
export const WEBMAIL_SCRIPT_NAME = 'webmail';

/** Pigeonhole's default sieve_max_script_size is 1 MiB; a form never comes near this. */
export const RAW_SCRIPT_MAX = 256 * 1024;
export const RULES_MAX = 100;

// NUL is not allowed anywhere in a Sieve script (RFC 5228 §2.4.2 builds strings of octets other than NUL).
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\0'), 'must not contain NUL characters');
// Header values and names are compared unfolded, so a line break could never match: refuse it.
const line = (max: number) => text(max).refine((s) => !/[\r\n]/.test(s), 'must be a single line');

const address = line(320).pipe(z.string().regex(/^[^\s@"\\]+@[^\s@"\\]+$/, 'an email address'));

/** YYYY-MM-DD, a real calendar day (the form of currentdate's "date" part, RFC 5260 §4.2). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const CONDITION_OPS = ['contains', 'not-contains', 'is', 'not-is', 'matches', 'not-matches'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** from, to (To and Cc), subject, or header:<field-name> (RFC 5322 §3.6.8: printable ASCII but ":"). */
export const CONDITION_FIELD = /^(from|to|subject|header:[!-9;-~]{1,76})$/;

export const conditionSchema = z.object({
  field: z.string().regex(CONDITION_FIELD, 'from, to, subject or header:<name>'),
  op: z.enum(CONDITION_OPS),
  /** With "matches", * and ? are wildcards (RFC 5228 §2.7.1). */
  value: line(1000),
});
export type Condition = z.infer<typeof conditionSchema>;

export const FLAGS = ['\\Seen', '\\Flagged'] as const;

export const filterActionSchema = z.discriminatedUnion('type', [
  /** A mailbox path as the folder list gives it (UTF-8; RFC 5228 §4.1). */
  z.object({ type: z.literal('fileinto'), folder: line(1000).min(1) }),
  /** imap4flags (RFC 5232): \Seen marks read. */
  z.object({ type: z.literal('addflag'), flag: z.enum(FLAGS) }),
  /** copy: keep the message too (RFC 3894 :copy); without it redirect replaces delivery. */
  z.object({ type: z.literal('redirect'), address, copy: z.boolean() }),
  z.object({ type: z.literal('discard') }),
  z.object({ type: z.literal('stop') }),
]);
export type FilterAction = z.infer<typeof filterActionSchema>;
export type FilterActionType = FilterAction['type'];

export const filterRuleSchema = z.object({
  name: line(200),
  enabled: z.boolean(),
  /** all: every condition must hold (allof); any: one is enough (anyof). */
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema).min(1).max(20),
  actions: z.array(filterActionSchema).min(1).max(10),
});
export type FilterRule = z.infer<typeof filterRuleSchema>;

export const vacationSchema = z
  .object({
    enabled: z.boolean(),
    /** First and last day of the absence, by the mail server's clock; null: no bound. */
    from: day.nullable(),
    until: day.nullable(),
    /** Empty: the server's default ("Auto: <their subject>" in Pigeonhole). */
    subject: line(200),
    body: text(10_000),
    /** At most one reply per sender in this many days (RFC 5230 §4.1; Pigeonhole allows 1 to 60 by default). */
    days: z.number().int().min(1).max(60),
    /** The user's other addresses that count as "to me" (RFC 5230 §4.5). */
    addresses: z.array(address).max(20),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.until && v.from > v.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before the first day' });
    if (v.enabled && v.body.trim() === '') ctx.addIssue({ code: 'custom', path: ['body'], message: 'a vacation reply needs a message' });
  });
export type Vacation = z.infer<typeof vacationSchema>;

export const filterSetSchema = z.object({
  rules: z.array(filterRuleSchema).max(RULES_MAX),
  vacation: vacationSchema,
});
export type FilterSet = z.infer<typeof filterSetSchema>;

export const EMPTY_FILTER_SET: FilterSet = {
  rules: [],
  vacation: { enabled: false, from: null, until: null, subject: '', body: '', days: 7, addresses: [] },
};

export const rawScriptRequestSchema = z.object({ script: text(RAW_SCRIPT_MAX) });
export type RawScriptRequest = z.infer<typeof rawScriptRequestSchema>;

export const filterStateSchema = z.object({
  /**
   * form: the script is the webmail's and still matches its rules (or there is none yet);
   * raw: written or changed by hand or another program, editable as Sieve only.
   */
  mode: z.enum(['form', 'raw']),
  /** The rules when mode is form; the empty set otherwise. */
  form: filterSetSchema,
  /** The script shown: the active one, else the webmail's own inactive one; null when neither exists. */
  scriptName: z.string().nullable(),
  active: z.boolean(),
  /** Its text ("" when there is none). */
  script: z.string(),
  /** Every script of the account (RFC 5804 LISTSCRIPTS). */
  scripts: z.array(z.object({ name: z.string(), active: z.boolean() })),
  /** The server's Sieve extensions (the SIEVE capability), for the raw editor. */
  extensions: z.array(z.string()),
});
export type FilterState = z.infer<typeof filterStateSchema>;

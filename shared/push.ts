import { z } from 'zod';
import { errorCodeSchema } from './errors.js';
import { UID_SET_PATTERN, uidSetSize } from './uid-set.js';

/**
 * The typed socket.io contract (STYLE.md §6, DESIGN.md §4). Push is a cache
 * invalidation protocol: events say what changed in which mailbox, the client
 * patches or refetches its query cache. Every inbound payload, on either side,
 * is parsed with these schemas before use. Modseqs travel as decimal strings.
 */

const path = z.string().min(1).max(1000);
const uid = z.number().int().positive().max(0xffffffff);
const decimal = z.string().regex(/^\d{1,20}$/);
const uidSet = z
  .string()
  .max(100_000)
  .refine((s) => s === '' || UID_SET_PATTERN.test(s), 'a UID set such as 1:50,72');

/** A mailbox's state as the watcher sees it: the baseline for the next resync. */
export const mailboxStateSchema = z.object({
  path,
  uidValidity: decimal,
  uidNext: z.number().int().nonnegative(),
  /** Messages in the mailbox now (EXISTS). */
  count: z.number().int().nonnegative(),
  highestModseq: decimal.optional(),
});
export type MailboxState = z.infer<typeof mailboxStateSchema>;

/** New mail (EXISTS grew): the mailbox's new state, which is also the client's next resync baseline. */
export const mailboxExistsEventSchema = mailboxStateSchema;
export const mailboxExpungedEventSchema = z.object({ path, uidValidity: decimal, uids: z.array(uid), highestModseq: decimal.optional() });
export const flagsChangedEventSchema = z.object({ path, uidValidity: decimal, uid, flags: z.array(z.string()), modseq: decimal.optional() });
export const mailboxCountsEventSchema = z.object({ path, total: z.number().int().nonnegative(), unread: z.number().int().nonnegative() });
export const sessionEndedEventSchema = z.object({ code: errorCodeSchema });
export const imapStateEventSchema = z.object({ state: z.enum(['connected', 'reconnecting']) });
/** A folder of the account was created, renamed, moved, deleted, (un)subscribed or emptied: refetch the folder list. */
export const mailboxesChangedEventSchema = z.object({});

export type MailboxExistsEvent = z.infer<typeof mailboxExistsEventSchema>;
export type MailboxExpungedEvent = z.infer<typeof mailboxExpungedEventSchema>;
export type FlagsChangedEvent = z.infer<typeof flagsChangedEventSchema>;
export type MailboxCountsEvent = z.infer<typeof mailboxCountsEventSchema>;
export type SessionEndedEvent = z.infer<typeof sessionEndedEventSchema>;
export type ImapState = z.infer<typeof imapStateEventSchema>['state'];

/** What the client asks for: watch a mailbox, or the difference since what it last saw. */
export const watchRequestSchema = z.object({ path });
export type WatchRequest = z.infer<typeof watchRequestSchema>;

export const resyncRequestSchema = z.object({
  path,
  uidValidity: decimal,
  /** HIGHESTMODSEQ last seen (RFC 7162); without it every known UID's flags come back. */
  highestModseq: decimal.optional(),
  /** The UIDs the client holds rows for, as a UID set (RFC 3501 §9). */
  knownUids: uidSet.refine((s) => s === '' || uidSetSize(s) <= 1_000_000, 'at most 1,000,000 UIDs'),
});
export type ResyncRequest = z.infer<typeof resyncRequestSchema>;


export const resyncResultSchema = mailboxStateSchema.extend({
  /** UIDVALIDITY is not the client's: every cached row may name another message; refetch all. */
  uidValidityChanged: z.boolean(),
  /** UIDs present now that the client did not know (new mail while it was away). */
  added: z.array(uid),
  /** Known UIDs that are gone (expunged or moved away). */
  vanished: z.array(uid),
  /** Known UIDs whose flags changed since highestModseq (all known UIDs without one). */
  flags: z.array(z.object({ uid, flags: z.array(z.string()) })),
});
export type ResyncResult = z.infer<typeof resyncResultSchema>;

/** Acknowledgements: `{ok: true, data}` or `{ok: false, error: {code}}`. */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: z.object({ code: errorCodeSchema }) }),
  ]);
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: z.infer<typeof errorCodeSchema> } };

export interface ServerToClientEvents {
  'mailbox:exists': (e: MailboxExistsEvent) => void;
  'mailbox:expunged': (e: MailboxExpungedEvent) => void;
  'message:flagsChanged': (e: FlagsChangedEvent) => void;
  'mailbox:counts': (e: MailboxCountsEvent) => void;
  'session:ended': (e: SessionEndedEvent) => void;
  'imap:state': (e: { state: ImapState }) => void;
  'mailboxes:changed': (e: Record<string, never>) => void;
}

export interface ClientToServerEvents {
  'mailbox:watch': (req: WatchRequest, ack: (res: Ack<MailboxState>) => void) => void;
  resync: (req: ResyncRequest, ack: (res: Ack<ResyncResult>) => void) => void;
}

/** socket.io's default path; the reverse proxy examples forward it with WebSocket upgrade. */
export const PUSH_PATH = '/socket.io';

import type { Recipient } from '../../shared/compose.js';
import type { Logger } from '../log/logger.js';
import type { ContactsStore } from '../store/contacts/store.js';

/**
 * Whether a user wants the recipients of sent mail added to the address
 * book: the `collectRecipients` setting (shared/settings.ts). Injected, so
 * the settings store can answer it; until then every user collects (the
 * setting's default).
 */
export type ShouldCollect = (owner: string) => boolean | Promise<boolean>;

export interface SentMessage {
  owner: string;
  recipients: Recipient[];
  /** Addresses the submission server refused: not worth remembering. */
  rejected: string[];
}

/**
 * Called once a message has been accepted by the submission server. It never
 * throws: the message is sent, and a failure here must not make the outbox
 * think otherwise (it would send again).
 */
export function recipientCollector(deps: { store: ContactsStore; shouldCollect: ShouldCollect; log: Logger }) {
  return async ({ owner, recipients, rejected }: SentMessage): Promise<void> => {
    try {
      if (!(await deps.shouldCollect(owner))) return;
      const refused = new Set(rejected.map((a) => a.toLowerCase()));
      const added = await deps.store.collect(owner, recipients.filter((r) => !refused.has(r.address.toLowerCase())));
      if (added > 0) deps.log.info({ event: 'contacts.collected', added }, 'recipients added to the address book');
    } catch (err) {
      deps.log.warn({ event: 'contacts.collect_failed', err: (err as Error)?.message }, 'could not add recipients to the address book');
    }
  };
}

import { createReadStream } from 'node:fs';
import type { Recipient } from '../../shared/compose.js';
import type { Config } from '../config/config.js';
import type { AppError } from '../errors.js';
import { addFlags, appendFile, deleteMessages, findByHeader, specialMailbox } from '../imap/append.js';
import { connectImap, type ImapClient } from '../imap/connect.js';
import { withShortConnection } from '../imap/source.js';
import type { Logger } from '../log/logger.js';
import type { SubmissionLimits } from '../smtp/limits.js';
import { submitMessage } from '../smtp/transport.js';
import { DRAFT_ID_HEADER } from './build.js';
import { DRAFT_FLAGS } from './drafts.js';
import type { OutboxJob } from './types.js';

export interface DeliveryDeps {
  config: Config;
  limits: SubmissionLimits;
  log: Logger;
  /** Told of each message the submission server accepted (the address book collects its recipients); must not throw. */
  onSubmitted?: (sent: { owner: string; recipients: Recipient[]; rejected: string[] }) => Promise<void>;
}

/** The keyword a message gets once answered or forwarded (RFC 3501 \Answered; $Forwarded, RFC 5788 registry). */
function flagFor(mode: string): string | null {
  if (mode === 'reply' || mode === 'replyAll') return '\\Answered';
  if (mode === 'forward' || mode === 'forwardAsAttachment') return '$Forwarded';
  return null;
}

/**
 * What the outbox runs when a message's time has come. SMTP first, with the
 * job's own credentials, streaming the file; failures throw a coded AppError
 * and the outbox keeps the draft. Once the server accepted the message,
 * nothing may throw any more (a retry would send it twice): filing in Sent,
 * flagging the original and removing the draft are done on a short-lived
 * IMAP connection of their own (the user may have logged out) and only logged
 * when they fail.
 */
export function createDeliverer(deps: DeliveryDeps) {
  const { config, limits, log } = deps;

  async function afterSend(job: OutboxJob, client: ImapClient): Promise<void> {
    const steps: Array<[string, () => Promise<unknown>]> = [];
    if (config.smtp.saveSent) {
      const via = { client, imap: config.imap, auth: { user: job.owner, pass: job.password } };
      steps.push(['sent', async () => appendFile(via, await specialMailbox(client, 'sent'), job.prepared.rawPath, ['\\Seen'])]);
    }
    const flag = flagFor(job.draft.source.mode);
    const source = job.draft.source.message;
    if (flag && source) steps.push(['flag', () => addFlags(client, source.mailbox, source.uid, [flag])]);
    steps.push([
      'draft',
      async () => {
        const drafts = await specialMailbox(client, 'drafts');
        const uids = new Set(await findByHeader(client, drafts, DRAFT_ID_HEADER, job.draft.draftId));
        if (job.draft.savedAs?.mailbox === drafts) uids.add(job.draft.savedAs.uid);
        await deleteMessages(client, drafts, [...uids]);
      },
    ]);
    for (const [name, step] of steps) {
      try {
        await step();
      } catch (err) {
        log.warn({ event: 'send.after', step: name, job: job.id, err: (err as Error)?.message }, 'sent, but a follow-up step failed');
      }
    }
  }

  async function deliver(job: OutboxJob): Promise<void> {
    const auth = { user: job.owner, pass: job.password };
    const { prepared } = job;
    const result = await submitMessage(config.smtp, auth, { ...prepared.envelope, size: prepared.size }, () => createReadStream(prepared.rawPath));
    limits.noteEhlo(result.ehlo);
    if (result.rejected.length) {
      log.warn({ event: 'send.partial', job: job.id, rejected: result.rejected.length }, 'the submission server refused some recipients');
    }
    log.info({ event: 'send.done', job: job.id, size: prepared.size, recipients: result.accepted.length }, 'message submitted');
    await deps.onSubmitted?.({ owner: job.owner, recipients: [...job.draft.to, ...job.draft.cc, ...job.draft.bcc], rejected: result.rejected });
    try {
      await withShortConnection(() => connectImap(config.imap, auth), (client) => afterSend(job, client));
    } catch (err) {
      log.warn({ event: 'send.after', step: 'connect', job: job.id, err: (err as Error)?.message }, 'sent, but IMAP follow-up failed');
    }
  }

  /**
   * A send that failed for good: the draft copy saved before scheduling is
   * still in Drafts. If it is gone (deleted in another client meanwhile), the
   * built message is filed there again, with its Bcc, so nothing is lost.
   */
  async function onFailed(job: OutboxJob, err: AppError): Promise<void> {
    log.warn({ event: 'send.failed', job: job.id, code: err.code }, 'sending failed; the message stays in Drafts');
    const auth = { user: job.owner, pass: job.password };
    try {
      await withShortConnection(
        () => connectImap(config.imap, auth),
        async (client) => {
          const drafts = await specialMailbox(client, 'drafts');
          if ((await findByHeader(client, drafts, DRAFT_ID_HEADER, job.draft.draftId)).length) return;
          const bcc = job.draft.bcc.map((r) => r.address).join(', ');
          const extra = `${DRAFT_ID_HEADER}: ${job.draft.draftId}\r\n${bcc ? `Bcc: ${bcc}\r\n` : ''}`;
          await appendFile({ client, imap: config.imap, auth }, drafts, job.prepared.rawPath, DRAFT_FLAGS, extra);
        },
      );
    } catch (e) {
      log.error({ event: 'send.failed.keep', job: job.id, err: (e as Error)?.message }, 'could not confirm the draft copy of a failed message');
    }
  }

  return { deliver, onFailed };
}

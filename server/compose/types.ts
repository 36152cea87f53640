import type { Draft, OutboxEntry } from '../../shared/compose.js';
import type { Identity } from '../../shared/identities.js';
import type { PreparedMessage } from '../outbox/outbox.js';

/**
 * What compose needs from the upload store and the outbox (server/uploads,
 * server/outbox), as structural types so either side can change its internals.
 */
export interface UploadedFile {
  uploadId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Absolute path of the data file. */
  path: string;
}

export interface UploadFiles {
  /** A finished upload of this owner; UPLOAD_NOT_FOUND / UPLOAD_INCOMPLETE otherwise. */
  requireComplete(owner: string, uploadId: string): Promise<UploadedFile>;
  /** Stores a stream as a finished upload (attachments of an original or a reopened draft). */
  createFromStream(owner: string, meta: { filename: string; contentType: string }, body: NodeJS.ReadableStream): Promise<UploadedFile>;
}

// The outbox owns these shapes; compose builds and delivers them.
export type { OutboxJob, PreparedMessage } from '../outbox/outbox.js';

export interface OutboxScheduler {
  schedule(owner: string, password: string, prepared: PreparedMessage, draft: Draft, sendAt: Date): OutboxEntry;
}

/** What compose needs from the identities (server/identities/sender.ts). */
export interface IdentityResolver {
  /** The user's identities, the login one included. */
  list(owner: string): Identity[];
  /** The identity a draft sends as: the user's own and allowed, or a coded error. */
  forSending(owner: string, draft: Pick<Draft, 'identityId' | 'from'>): Identity;
  /** The identity a draft copy is saved with: never fails, never another user's. */
  forDraft(owner: string, draft: Pick<Draft, 'identityId' | 'from'>): Identity;
}

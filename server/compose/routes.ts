import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { COMPOSE_API, composeModeSchema, draftSchema, sendRequestSchema, type ComposeLimits, type OutboxEntry, type SavedDraft } from '../../shared/compose.js';
import type { Session } from '../session/sessions.js';
import type { SecretBox } from '../session/secret-box.js';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { searchAddresses } from '../imap/address-search.js';
import { parseInput } from '../http/validate.js';
import { attachmentBudget, type SubmissionLimits } from '../smtp/limits.js';
import { sameAddress } from '../mime/addresses.js';
import { checkRecipients, prepareMessage, type BuildContext } from './build.js';
import { saveDraft } from './drafts.js';
import { prefill } from './prefill.js';
import type { IdentityResolver, OutboxScheduler, UploadFiles } from './types.js';
import { sessionOf } from '../http/request-context.js';
import { settingsOwner, type SettingsStore } from '../store/settings.js';
import { QUOTE_LANGUAGES } from './quote-phrases.js';

export interface ComposeDeps {
  config: Config;
  uploads: UploadFiles;
  identities: IdentityResolver;
  outbox: OutboxScheduler;
  limits: SubmissionLimits;
  secretBox: SecretBox;
  uploadChunkBytes: number;
  /** Each user's undo delay and reply quoting style (issue 7 part 3). */
  settings: Pick<SettingsStore, 'get'>;
}

const prefillQuerySchema = z
  .object({
    mode: composeModeSchema,
    mailbox: z.string().min(1).max(1000).optional(),
    uid: z.coerce.number().int().positive().optional(),
    /** The writer's UI language, for the attribution line and the forwarded header block. */
    lang: z.enum(QUOTE_LANGUAGES).optional(),
  })
  .refine((q) => q.mode === 'new' || (q.mailbox !== undefined && q.uid !== undefined), { message: 'mailbox and uid are required', path: ['uid'] });

const addressQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });

export const ADDRESS_SUGGESTIONS_MAX = 10;
/**
 * A draft may be larger than what the submission server takes: saving it is
 * how a message that failed with MESSAGE_TOO_LARGE stays safe while the user
 * removes an attachment. The upload store's per-user quota bounds it anyway.
 */
const DRAFT_SIZE_FACTOR = 4;

/** Compose, drafts, send, limits and address suggestions (shared/compose.ts COMPOSE_API). */
export function composeRoutes(deps: ComposeDeps): Router {
  const { config, uploads, identities, outbox, limits, secretBox } = deps;
  const router = Router();
  const workDir = path.join(config.dataDir, 'outgoing');

  const context = (session: Session, maxMessageBytes: number): BuildContext => ({
    owner: session.address,
    session: session.mail,
    uploads,
    identities,
    workDir,
    maxMessageBytes,
  });

  const userSettings = (session: Session) => deps.settings.get(settingsOwner(session.address));

  router.get(COMPOSE_API.limits, async (req, res) => {
    const maxMessageBytes = await limits.maxMessageBytes();
    const body: ComposeLimits = {
      maxMessageBytes,
      maxAttachmentBytes: attachmentBudget(maxMessageBytes),
      undoSeconds: userSettings(sessionOf(req)).undoSendSeconds,
      uploadChunkBytes: deps.uploadChunkBytes,
    };
    res.json(body);
  });

  router.get(COMPOSE_API.prefill, async (req, res) => {
    const q = parseInput(prefillQuerySchema, req.query);
    const session = sessionOf(req);
    const ref = q.mailbox !== undefined && q.uid !== undefined ? { mailbox: q.mailbox, uid: q.uid } : null;
    res.set('Cache-Control', 'private, no-store');
    const { quoteStyle } = userSettings(session);
    res.json(await prefill(context(session, config.compose.maxMessageBytes * DRAFT_SIZE_FACTOR), q.mode, ref, { quoteStyle, lang: q.lang }));
  });

  // Drafts do not depend on the submission server (it may be down): only the configured cap counts.
  router.post(COMPOSE_API.drafts, async (req, res) => {
    const draft = parseInput(draftSchema, req.body);
    const savedAs = await saveDraft(context(sessionOf(req), config.compose.maxMessageBytes * DRAFT_SIZE_FACTOR), draft);
    const body: SavedDraft = { savedAs };
    res.json(body);
  });

  /**
   * Send: validate every address, save the draft copy first (so no later
   * failure can lose the message), build the message, and hand it to the
   * outbox, which sends it after the undo delay or at the chosen time.
   */
  router.post(COMPOSE_API.send, async (req, res) => {
    const { draft, sendAt } = parseInput(sendRequestSchema, req.body);
    const session = sessionOf(req);
    if (!session.sealedPassword) throw new AppError('SESSION_EXPIRED', 'Sign in again to send.');
    checkRecipients(draft, session.address, identities);
    const ctx = context(session, await limits.maxMessageBytes());
    const savedAs = await saveDraft({ ...ctx, maxMessageBytes: config.compose.maxMessageBytes * DRAFT_SIZE_FACTOR }, draft);
    const kept = { ...draft, savedAs };
    const prepared = await prepareMessage(ctx, kept, { forDraft: false });
    const now = Date.now();
    // The user's own undo delay; the admin's WEBMAIL_UNDO_SEND_SECONDS when they never chose one.
    const at = sendAt ? Math.max(now, Date.parse(sendAt)) : now + userSettings(session).undoSendSeconds * 1000;
    const entry: OutboxEntry = outbox.schedule(session.address, secretBox.open(session.sealedPassword), prepared, kept, new Date(at));
    res.status(202).json(entry);
  });

  router.get(COMPOSE_API.addresses, async (req, res) => {
    const { q } = parseInput(addressQuerySchema, req.query);
    const session = sessionOf(req);
    const found = await session.mail.run((client) => searchAddresses(client, q, ADDRESS_SUGGESTIONS_MAX + 1));
    const addresses = found.filter((a) => !sameAddress(a.address, session.address)).slice(0, ADDRESS_SUGGESTIONS_MAX);
    res.set('Cache-Control', 'private, no-store');
    res.json({ addresses });
  });

  return router;
}

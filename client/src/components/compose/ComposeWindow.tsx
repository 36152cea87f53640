import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blankDraft, COMPOSE_API, type ComposeMode, type Draft, type OutboxEntry } from '../../../../shared/compose.js';
import { newDraftId } from '../../compose/html.js';
import { sanitizeMailHtml } from '../../mail/sanitize.js';
import { openWithIdentity, startingIdentity, takesSignature } from '../../compose/identity.js';
import { usePrefillQuery } from '../../state/queries/compose.js';
import { useIdentitiesQuery } from '../../state/queries/identities.js';
import { ErrorPanel } from '../ErrorPanel.js';
import { ComposeForm } from './ComposeForm.js';

export type ComposeRequest =
  | { kind: 'new' }
  | { kind: 'prefill'; mode: Exclude<ComposeMode, 'new'>; mailbox: string; uid: number }
  /** A draft in hand: handed back by Undo, or restored from this device (`unsaved`). */
  | { kind: 'draft'; draft: Draft; unsaved: boolean };

export function emptyDraft(address: string): Draft {
  // An empty paragraph gives the editor a line to type on.
  return { ...blankDraft(newDraftId(), { name: '', address }), html: '<p></p>' };
}

/**
 * HTML that came from the server (a quoted original, a saved draft) goes
 * through the reader's DOMPurify policy, remote images blocked, before the
 * editor sees it; TipTap's schema then keeps only what it models.
 */
function editorHtml(draft: Draft): string {
  if (draft.format === 'text' || draft.html === null) return '<p></p>';
  // A reopened draft's inline images (cid:) show from their uploads; saving turns them back into cid:.
  const inlinePartUrl = (contentId: string) => {
    const upload = draft.attachments.find((a) => a.contentId === contentId);
    return upload ? new URL(COMPOSE_API.uploadContent(upload.uploadId), window.location.origin).href : null;
  };
  return sanitizeMailHtml(draft.html, { allowRemote: false, inlinePartUrl }).html;
}

/** The window's title for each mode: a key of `compose:title`. */
const TITLES: Record<ComposeMode, 'new' | 'reply' | 'replyAll' | 'forward' | 'draft'> = {
  new: 'new', reply: 'reply', replyAll: 'replyAll', forward: 'forward', forwardAsAttachment: 'forward',
  editAsNew: 'new', draft: 'draft',
};

interface Props {
  request: ComposeRequest;
  account: string;
  onClose: () => void;
  onSent: (entry: OutboxEntry, scheduled: boolean) => void;
}

export function ComposeWindow({ request, account, onClose, onSent }: Props) {
  const { t } = useTranslation('compose');
  const prefill = usePrefillQuery(request.kind === 'prefill' ? request : null);
  const identities = useIdentitiesQuery();
  // Made once per window: a new draftId per render would remount the form.
  const [fresh] = useState(() => emptyDraft(account));
  const loaded = request.kind === 'prefill' ? prefill.data : request.kind === 'draft' ? request.draft : fresh;
  const mode = request.kind === 'prefill' ? request.mode : request.kind === 'draft' ? request.draft.source.mode : 'new';
  // The sender identity and its signature are settled before the form opens (without the list, it opens as before).
  const identitiesSettled = !identities.isPending || identities.fetchStatus === 'paused';
  const list = identities.data?.identities;
  const draft = useMemo(() => {
    if (!loaded || !identitiesSettled) return undefined;
    const isFresh = request.kind === 'new';
    const withSignature = request.kind !== 'draft' && takesSignature(mode);
    return openWithIdentity(loaded, startingIdentity(loaded, list ?? [], isFresh), withSignature);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening: a refetch of identities, or a new request object, must not reset what is being typed
  }, [loaded, identitiesSettled]);
  const initialHtml = useMemo(() => (draft ? editorHtml(draft) : ''), [draft]);
  const title = t(`title.${TITLES[mode]}`);

  let body;
  if (!draft) {
    body = prefill.isError ? (
      <>
        <ErrorPanel title={t('startFailed')} error={prefill.error} onRetry={() => void prefill.refetch()} />
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </>
    ) : (
      <div className="reader-loading" role="status" aria-label={t('loading')}>
        <span className="skeleton skeleton-line wide" />
        <span className="skeleton skeleton-block" />
      </div>
    );
  } else {
    body = (
      <ComposeForm
        key={draft.draftId}
        initial={draft}
        initialHtml={initialHtml}
        unsaved={request.kind === 'draft' && request.unsaved}
        account={account}
        title={title}
        onClose={onClose}
        onSent={onSent}
      />
    );
  }
  return (
    <section className="pane pane-compose" aria-label={title}>
      {body}
    </section>
  );
}

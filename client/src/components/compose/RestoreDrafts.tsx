import { useEffect, useState } from 'react';
import type { Draft } from '../../../../shared/compose.js';
import { openDraftIds, syncPendingDrafts, unsyncedDrafts, type LocalDraftRecord } from '../../compose/draftStore.js';
import { idbLocalDrafts } from '../../compose/localDrafts.js';
import { saveDraft } from '../../state/queries/compose.js';
import { useTranslation } from 'react-i18next';

/**
 * On start, drafts this browser kept but the server never got (the tab was
 * closed offline) are offered back; and whenever the link returns they are
 * saved to the Drafts mailbox, so nothing typed is lost either way.
 */
export function RestoreDrafts({ account, onRestore }: { account: string; onRestore: (draft: Draft) => void }) {
  const { t } = useTranslation('compose');
  const [offers, setOffers] = useState<LocalDraftRecord[]>([]);

  useEffect(() => {
    let live = true;
    void unsyncedDrafts(idbLocalDrafts, account).then((list) => {
      if (live) setOffers(list.filter((r) => !openDraftIds.has(r.draftId)));
    });
    const sync = () => void syncPendingDrafts(idbLocalDrafts, account, saveDraft, openDraftIds).catch(() => undefined);
    window.addEventListener('online', sync);
    return () => {
      live = false;
      window.removeEventListener('online', sync);
    };
  }, [account]);

  if (offers.length === 0) return null;
  const newest = offers[0]!;
  const restore = async () => {
    // Read it again: a sync since the offer may have given it a savedAs to replace.
    const fresh = (await idbLocalDrafts.get(newest.draftId).catch(() => undefined)) ?? newest;
    setOffers((o) => o.slice(1));
    onRestore(fresh.draft);
  };
  const label = newest.draft.subject || newest.draft.to[0]?.address || t('noSubjectPlain');
  return (
    <div className="banner banner-note restore-drafts" role="region" aria-label={t('restore.region')}>
      <span>
        {offers.length > 1 ? t('restore.keptMore', { label, count: offers.length - 1 }) : t('restore.kept', { label })}
      </span>
      <button type="button" onClick={() => void restore()}>
        {t('restore.restore')}
      </button>
      <button type="button" className="link-button" onClick={() => setOffers([])}>
        {t('restore.notNow')}
      </button>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The list pane's header: its title and tools, and on a phone the way to the folders it covers. */
export function ListPaneHeader({ titleId, title, onShowFolders, children }: { titleId: string; title: string; onShowFolders: () => void; children: ReactNode }) {
  const { t } = useTranslation('mail');
  return (
    <div className="pane-header">
      <button type="button" className="phone-only" onClick={onShowFolders}>
        {t('list.folders')}
      </button>
      <h1 id={titleId} className="pane-title">
        {title}
      </h1>
      {children}
    </div>
  );
}

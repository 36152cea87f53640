import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorPanel } from './ErrorPanel.js';

/** The reader's pane: on a phone it covers the list, so it has its own way back. */
export function ReaderPane({ label, backLabel, onBack, children }: { label: string; backLabel: string; onBack: () => void; children: ReactNode }) {
  return (
    <section className="pane pane-reader" aria-label={label}>
      <div className="pane-header phone-only">
        <button type="button" onClick={onBack}>
          {backLabel}
        </button>
      </div>
      {children}
    </section>
  );
}

/** What a reader query shows: its failure with a retry, a skeleton while it loads, then the content. */
export function ReaderQuery<T>({
  query,
  errorTitle,
  loadingLabel,
  children,
}: {
  query: UseQueryResult<T>;
  errorTitle: string;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <ErrorPanel title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) {
    return (
      <div className="reader-loading" role="status" aria-label={loadingLabel}>
        <span className="skeleton skeleton-line wide" />
        <span className="skeleton skeleton-line" />
        <span className="skeleton skeleton-block" />
      </div>
    );
  }
  return <>{children(query.data)}</>;
}

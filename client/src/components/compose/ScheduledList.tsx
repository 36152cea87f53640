import type { Draft, OutboxEntry } from '../../../../shared/compose.js';
import { describeError } from '../../errors.js';
import { formatFullDate } from '../../mail/format.js';
import { useDateStyle } from '../../settings/dateStyle.js';
import { useCancelSendMutation, useOutboxQuery } from '../../state/queries/compose.js';
import { useTranslation } from 'react-i18next';

/**
 * Messages the server is holding (send later, or still inside the undo
 * window) and ones that failed: the outbox is on the server, so this list is
 * where a scheduled message can be cancelled after its toast has gone, from
 * any device. Cancelling reopens the message in compose.
 */
export function ScheduledList({ onReopen }: { onReopen: (draft: Draft) => void }) {
  const { t } = useTranslation('compose');
  const outbox = useOutboxQuery();
  const cancel = useCancelSendMutation();
  const dateStyle = useDateStyle();
  const entries = (outbox.data ?? []).filter((e) => e.state === 'waiting' || e.state === 'failed');
  if (entries.length === 0) return null;
  const reopen = (entry: OutboxEntry) => cancel.mutate(entry.id, { onSuccess: ({ draft }) => onReopen(draft) });
  return (
    <section className="scheduled" aria-label={t('outbox.title')}>
      <h2 className="pane-title">{t('outbox.title')}</h2>
      <ul className="scheduled-list">
        {entries.map((e) => (
          <li key={e.id} className={`scheduled-item is-${e.state}`}>
            <span className="scheduled-subject">{e.subject || t('noSubject')}</span>
            <span className="scheduled-when">
              {e.state === 'waiting' ? (
                <>
                  {t('outbox.sends')} <time dateTime={e.sendAt}>{formatFullDate(e.sendAt, dateStyle)}</time>
                </>
              ) : (
                <>{t('outbox.notSent', { reason: describeError({ code: e.error ?? 'INTERNAL' }) })}</>
              )}
            </span>
            <button type="button" className="link-button" disabled={cancel.isPending} onClick={() => reopen(e)}>
              {e.state === 'waiting' ? t('outbox.cancel', { subject: e.subject || t('noSubject') }) : t('outbox.edit', { subject: e.subject || t('noSubject') })}
            </button>
          </li>
        ))}
      </ul>
      {cancel.error != null && <p role="alert">{describeError(cancel.error)}</p>}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, OutboxEntry } from '../../../../shared/compose.js';
import { describeError } from '../../errors.js';
import { formatFullDate } from '../../mail/format.js';
import { useDateStyle } from '../../settings/dateStyle.js';
import { fetchOutbox, useCancelSendMutation, useRefreshMail } from '../../state/queries/compose.js';

export interface PendingSend {
  entry: OutboxEntry;
  scheduled: boolean;
  /** Seconds of the undo window, counted from when the server answered. */
  undoSeconds: number;
}

type Phase = { kind: 'waiting' } | { kind: 'checking' } | { kind: 'sent' } | { kind: 'failed'; code: string };

/**
 * "Sending in 10 s… Undo": the server holds the message for undoSeconds
 * (issue 3 §5). After the countdown the outbox is asked how it went, so a
 * failed submission is said in words instead of a false "Message sent".
 */
export function SendToast({ pending, onUndone, onDone }: { pending: PendingSend; onUndone: (draft: Draft) => void; onDone: () => void }) {
  const { t } = useTranslation('compose');
  const dateStyle = useDateStyle();
  const [left, setLeft] = useState(pending.undoSeconds);
  const [phase, setPhase] = useState<Phase>({ kind: 'waiting' });
  const cancel = useCancelSendMutation();
  const refreshMail = useRefreshMail();
  const { entry, scheduled } = pending;

  useEffect(() => {
    if (scheduled || phase.kind !== 'waiting') return;
    if (left <= 0) return setPhase({ kind: 'checking' });
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, phase.kind, scheduled]);

  useEffect(() => {
    if (phase.kind !== 'checking') return;
    const controller = new AbortController();
    let tries = 0;
    const check = async () => {
      try {
        const found = (await fetchOutbox(controller.signal)).entries.find((e) => e.id === entry.id);
        // Gone from the outbox, or marked sent: done.
        if (!found || found.state === 'sent') return setPhase({ kind: 'sent' });
        if (found.state === 'failed') return setPhase({ kind: 'failed', code: found.error ?? 'SMTP_REJECTED' });
        if (found.state === 'cancelled') return onDone();
      } catch {
        if (controller.signal.aborted) return;
      }
      if (++tries < 30) timer = setTimeout(() => void check(), 1500);
    };
    let timer = setTimeout(() => void check(), 800);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [phase.kind, entry.id, onDone]);

  useEffect(() => {
    if (phase.kind !== 'sent') return;
    // The Sent copy and the draft's removal happened after the send request returned: show them.
    refreshMail();
    const timer = setTimeout(onDone, 6000);
    return () => clearTimeout(timer);
  }, [phase.kind, onDone, refreshMail]);

  const undo = () =>
    cancel.mutate(entry.id, {
      onSuccess: ({ draft }) => onUndone(draft),
    });

  const text =
    phase.kind === 'sent' ? t('toast.sent')
    : phase.kind === 'failed' ? describeError({ code: phase.code })
    : phase.kind === 'checking' ? t('toast.sending')
    : scheduled ? t('toast.willSend', { when: formatFullDate(entry.sendAt, dateStyle) || entry.sendAt })
    : t('toast.sendingIn', { seconds: left });
  const canUndo = phase.kind === 'waiting' && !cancel.isPending;
  return (
    <div className={phase.kind === 'failed' ? 'toast toast-error' : 'toast'} role="status">
      <span>{text}</span>
      {canUndo && (
        <button type="button" onClick={undo}>
          {t('toast.undo')}
        </button>
      )}
      {cancel.isError && <span className="toast-error-text">{describeError(cancel.error)}</span>}
      {(phase.kind !== 'waiting' || scheduled) && (
        <button type="button" className="link-button" onClick={onDone}>
          {t('common:dismiss')}
        </button>
      )}
    </div>
  );
}

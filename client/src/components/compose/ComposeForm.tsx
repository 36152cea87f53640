import { useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, OutboxEntry } from '../../../../shared/compose.js';
import { ApiRequestError } from '../../api/http.js';
import { buildDraft, cleanHeaderText, sendProblem, switchFormat, toParsed, type FormState } from '../../compose/draftForm.js';
import { textToHtml } from '../../compose/html.js';
import { useAttachments } from '../../compose/useAttachments.js';
import { describeError } from '../../errors.js';
import { formatSize } from '../../mail/format.js';
import { useComposeLimitsQuery, useSendMutation } from '../../state/queries/compose.js';
import { useMessageActionMutation } from '../../state/queries/messageActions.js';
import { FormActions, FormError } from '../forms.js';
import { AttachmentPanel } from './AttachmentPanel.js';
import { BodyEditor } from './BodyEditor.js';
import { FromSelect, useSender } from './FromSelect.js';
import { RecipientField } from './RecipientField.js';
import { SendLater } from './SendLater.js';
import { useDraftSync } from './useDraftSync.js';

interface Props {
  initial: Draft;
  initialHtml: string;
  unsaved: boolean;
  account: string;
  title: string;
  onClose: () => void;
  onSent: (entry: OutboxEntry, scheduled: boolean) => void;
}

export function ComposeForm({ initial, initialHtml, unsaved, account, title, onClose, onSent }: Props) {
  const { t } = useTranslation('compose');
  const id = useId();
  const limits = useComposeLimitsQuery().data;
  const [form, setForm] = useState<FormState>(() => ({
    to: toParsed(initial.to), cc: toParsed(initial.cc), bcc: toParsed(initial.bcc), subject: initial.subject,
    format: initial.format, html: initialHtml, text: initial.text,
  }));
  const [showCc, setShowCc] = useState(initial.cc.length > 0);
  const [showBcc, setShowBcc] = useState(initial.bcc.length > 0);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [editorKey, setEditorKey] = useState(0);
  const attachments = useAttachments(initial.attachments, limits);
  const send = useSendMutation();
  const deleteCopy = useMessageActionMutation();
  const fileInput = useRef<HTMLInputElement>(null);

  const sender = useSender(initial, setForm, () => setEditorKey((k) => k + 1));
  const draft = useMemo(() => buildDraft(sender.base, form, attachments.items), [sender.base, form, attachments.items]);
  const { sync, statusText } = useDraftSync(initial, draft, account, unsaved);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (sendAt: string | null) => {
    const problem = sendProblem(form, attachments.items);
    if (problem) return setError(problem);
    setError(null);
    sync.change(draft);
    const latest = (await sync.settle()) ?? draft;
    try {
      const entry = await send.mutateAsync({ draft: latest, sendAt });
      await sync.close({ forget: true });
      onSent(entry, sendAt !== null);
    } catch (err) {
      // Everything typed stays; the draft keeps syncing.
      sync.reopen();
      const field = err instanceof ApiRequestError && err.field ? ` (${err.field})` : '';
      setError(describeError(err) + field);
    }
  };

  const discard = async () => {
    const last = await sync.settle();
    await sync.close({ forget: true });
    attachments.items.forEach((a) => attachments.remove(a.key));
    if (last?.savedAs) deleteCopy.mutate({ mailbox: last.savedAs.mailbox, uids: [last.savedAs.uid], action: 'delete' });
    onClose();
  };

  const close = async () => {
    await sync.flush();
    onClose();
  };

  const onDrop = (e: DragEvent) => {
    setDragging(false);
    if (!e.dataTransfer.files.length) return;
    // Capture phase: files dropped on the editor become attachments too, not text.
    e.preventDefault();
    e.stopPropagation();
    attachments.add([...e.dataTransfer.files]);
  };

  const toggleFormat = () => {
    setForm((f) => switchFormat(f, f.format === 'html' ? 'text' : 'html', textToHtml));
    setEditorKey((k) => k + 1);
  };

  const limitText = limits ? t('limit', { size: formatSize(limits.maxAttachmentBytes) }) : null;
  return (
    <form
      className={dragging ? 'compose is-dragging' : 'compose'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(null);
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDropCapture={onDrop}
    >
      <div className="compose-header">
        <h1 className="pane-title">{title}</h1>
        <span className="compose-status" role="status" aria-live="polite">
          {statusText}
        </span>
        <button type="button" onClick={() => void close()}>
          {t('close')}
        </button>
      </div>
      <div className="compose-fields">
        {sender.identities.length > 1 ? (
          <FromSelect identities={sender.identities} value={sender.identityId} onChange={sender.choose} />
        ) : (
          <p className="compose-from">
            {t('from')} <span>{sender.base.from.name ? `${sender.base.from.name} <${sender.base.from.address}>` : sender.base.from.address}</span>
          </p>
        )}
        <div className="compose-row">
          <RecipientField label={t('to')} value={form.to} onChange={(v) => set('to', v)} autoFocus={initial.to.length === 0} />
          {!showCc && (
            <button type="button" className="link-button" onClick={() => setShowCc(true)}>
              {t('cc')}
            </button>
          )}
          {!showBcc && (
            <button type="button" className="link-button" onClick={() => setShowBcc(true)}>
              {t('bcc')}
            </button>
          )}
        </div>
        {showCc && <RecipientField label={t('cc')} value={form.cc} onChange={(v) => set('cc', v)} autoFocus={initial.cc.length === 0} />}
        {showBcc && <RecipientField label={t('bcc')} value={form.bcc} onChange={(v) => set('bcc', v)} autoFocus={initial.bcc.length === 0} />}
        <div className="recipient-field">
          <label htmlFor={`${id}-subject`} className="field-label">
            {t('subject')}
          </label>
          <input id={`${id}-subject`} className="subject-input" value={form.subject} maxLength={998} onChange={(e) => set('subject', cleanHeaderText(e.target.value))} />
        </div>
      </div>
      <div className="compose-body">
        <button type="button" className="format-toggle" aria-pressed={form.format === 'text'} onClick={toggleFormat}>
          {t('plainText')}
        </button>
        {form.format === 'html' ? (
          <BodyEditor
            key={editorKey}
            initialHtml={form.html}
            onChange={(html) => set('html', html)}
            onPasteImage={(file, contentId) => attachments.add([file], contentId)}
          />
        ) : (
          <textarea className="text-editor" aria-label={t('editor.body')} value={form.text} onChange={(e) => set('text', e.target.value)} />
        )}
      </div>
      <div className="compose-attach">
        <label className="attach-button" htmlFor={`${id}-files`}>
          {t('attachFiles')}
        </label>
        <input
          ref={fileInput}
          id={`${id}-files`}
          type="file"
          multiple
          className="visually-hidden"
          onChange={(e) => {
            attachments.add([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        {limitText && <span className="attach-limit">{limitText}</span>}
        {initial.attachMessage && <span className="attach-limit">{t('attachedOriginal')}</span>}
      </div>
      <AttachmentPanel items={attachments.items} onRemove={attachments.remove} />
      <FormError message={error} />
      <FormActions className="compose-actions" pending={send.isPending} submit={t('send')}>
        <SendLater disabled={send.isPending} onSchedule={(iso) => void submit(iso)} />
        <button type="button" onClick={() => void discard()}>
          {t('discard')}
        </button>
      </FormActions>
    </form>
  );
}

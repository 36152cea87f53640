import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSearch, SEARCH_TEXT_MAX } from '../../../../shared/search.js';
import type { Criteria } from '../../mail/searchParams.js';

const KB = 1024;
const MB = 1024 * 1024;
type Unit = 'kb' | 'mb';

interface Size {
  value: string;
  unit: Unit;
}

function sizeOf(bytes: number | undefined): Size {
  if (bytes === undefined) return { value: '', unit: 'kb' };
  return bytes >= MB && bytes % MB === 0 ? { value: String(bytes / MB), unit: 'mb' } : { value: String(Math.round((bytes / KB) * 100) / 100), unit: 'kb' };
}

function bytesOf(size: Size): number | undefined {
  const n = Number(size.value);
  if (size.value.trim() === '' || !Number.isFinite(n) || n < 0) return undefined;
  return Math.round(n * (size.unit === 'mb' ? MB : KB));
}

const TEXT_FIELDS = ['text', 'from', 'to', 'subject', 'body'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

interface Props {
  id: string;
  initial: Criteria;
  /** Where the search runs unless the person picks the other scope. */
  initialScope: 'folder' | 'all';
  folderLabel: string;
  onSearch: (criteria: Criteria, scope: 'folder' | 'all') => void;
  onCancel: () => void;
}

/** Every criterion the server knows (shared/search.ts), as one form; the quick box is its first field. */
export function AdvancedSearchForm({ id, initial, initialScope, folderLabel, onSearch, onCancel }: Props) {
  const { t } = useTranslation('search');
  const uid = useId();
  const [text, setText] = useState<Record<TextField, string>>(() => ({
    text: initial.text ?? '',
    from: initial.from ?? '',
    to: initial.to ?? '',
    subject: initial.subject ?? '',
    body: initial.body ?? '',
  }));
  const [since, setSince] = useState(initial.since ?? '');
  const [before, setBefore] = useState(initial.before ?? '');
  const [attachment, setAttachment] = useState(initial.attachment === true);
  const [unread, setUnread] = useState(initial.unread === true);
  const [flagged, setFlagged] = useState(initial.flagged === true);
  const [larger, setLarger] = useState<Size>(() => sizeOf(initial.larger));
  const [smaller, setSmaller] = useState<Size>(() => sizeOf(initial.smaller));
  const [scope, setScope] = useState(initialScope);
  const [empty, setEmpty] = useState(false);

  const criteria = (): Criteria => {
    const c: Criteria = {};
    for (const f of TEXT_FIELDS) if (text[f].trim()) c[f] = text[f].trim();
    if (since) c.since = since;
    if (before) c.before = before;
    // Unticked is "any", not "without": the server's false values stay reachable through the URL.
    if (attachment) c.attachment = true;
    if (unread) c.unread = true;
    if (flagged) c.flagged = true;
    const l = bytesOf(larger);
    const s = bytesOf(smaller);
    if (l !== undefined) c.larger = l;
    if (s !== undefined) c.smaller = s;
    return c;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = criteria();
    if (!isSearch(c)) return setEmpty(true);
    onSearch(c, scope);
  };

  const reset = () => {
    setText({ text: '', from: '', to: '', subject: '', body: '' });
    setSince('');
    setBefore('');
    setAttachment(false);
    setUnread(false);
    setFlagged(false);
    setLarger({ value: '', unit: 'kb' });
    setSmaller({ value: '', unit: 'kb' });
    setEmpty(false);
  };

  const field = (name: string) => `${uid}-${name}`;
  const sizeField = (name: 'larger' | 'smaller', size: Size, set: (s: Size) => void) => (
    <div className="search-form-row">
      <label htmlFor={field(name)}>{t(`form.${name}`)}</label>
      <span className="search-size">
        <input id={field(name)} type="number" min="0" step="any" inputMode="decimal" value={size.value} onChange={(e) => set({ ...size, value: e.target.value })} />
        <select aria-label={t('form.unit')} value={size.unit} onChange={(e) => set({ ...size, unit: e.target.value as Unit })}>
          <option value="kb">{t('form.kb')}</option>
          <option value="mb">{t('form.mb')}</option>
        </select>
      </span>
    </div>
  );

  return (
    <form id={id} className="search-form" aria-label={t('form.title')} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      {TEXT_FIELDS.map((f) => (
        <div className="search-form-row" key={f}>
          <label htmlFor={field(f)}>{t(`form.${f}`)}</label>
          <input
            id={field(f)}
            type="text"
            maxLength={SEARCH_TEXT_MAX}
            value={text[f]}
            onChange={(e) => setText((prev) => ({ ...prev, [f]: e.target.value }))}
          />
        </div>
      ))}
      <div className="search-form-row">
        <label htmlFor={field('since')}>{t('form.since')}</label>
        <input id={field('since')} type="date" value={since} onChange={(e) => setSince(e.target.value)} />
      </div>
      <div className="search-form-row">
        <label htmlFor={field('before')}>{t('form.before')}</label>
        <input id={field('before')} type="date" value={before} onChange={(e) => setBefore(e.target.value)} />
      </div>
      {sizeField('larger', larger, setLarger)}
      {sizeField('smaller', smaller, setSmaller)}
      <div className="search-form-checks">
        <label>
          <input type="checkbox" checked={attachment} onChange={(e) => setAttachment(e.target.checked)} /> {t('form.attachment')}
        </label>
        <label>
          <input type="checkbox" checked={unread} onChange={(e) => setUnread(e.target.checked)} /> {t('form.unread')}
        </label>
        <label>
          <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} /> {t('form.flagged')}
        </label>
      </div>
      <fieldset className="search-form-scope">
        <legend>{t('form.scope')}</legend>
        <label>
          <input type="radio" name={field('scope')} checked={scope === 'folder'} onChange={() => setScope('folder')} /> {t('form.scopeFolder', { folder: folderLabel })}
        </label>
        <label>
          <input type="radio" name={field('scope')} checked={scope === 'all'} onChange={() => setScope('all')} /> {t('form.scopeAll')}
        </label>
      </fieldset>
      {empty && (
        <p className="form-error" role="alert">
          {t('form.empty')}
        </p>
      )}
      <div className="search-form-actions">
        <button type="submit" className="primary">
          {t('form.submit')}
        </button>
        <button type="button" onClick={reset}>
          {t('form.reset')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

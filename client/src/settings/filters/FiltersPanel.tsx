import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filterSetSchema, type FilterSet, type FilterState } from '../../../../shared/filters.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { useFiltersQuery, useSaveFiltersMutation, type SaveMutation } from '../../state/queries/filters.js';
import { problemOf } from './draft.js';
import { RawEditor } from './RawEditor.js';
import { RuleList } from './RuleList.js';
import { SaveFooter } from './SaveProblem.js';
import { VacationEditor } from './VacationEditor.js';

/** Settings → Filters: rules and the vacation reply as a form, or the script as raw Sieve. */
export function FiltersPanel() {
  const { t } = useTranslation('filters');
  const query = useFiltersQuery();
  // Here, not in the editor: the editor starts again after a save, and "Saved" must outlive that.
  const save = useSaveFiltersMutation();
  if (query.isPending) return <p role="status">{t('loading')}</p>;
  if (query.isError) return <ErrorPanel title={t('loadFailed')} error={query.error} onRetry={() => void query.refetch()} />;
  // A new answer from the server (after a save) starts the editors again from what it now holds.
  return <FiltersEditor key={query.dataUpdatedAt} state={query.data} save={save} />;
}

function FiltersEditor({ state, save }: { state: FilterState; save: SaveMutation }) {
  const { t } = useTranslation('filters');
  const [view, setView] = useState<'form' | 'raw'>(state.mode);
  const [draft, setDraft] = useState<FilterSet>(state.form);
  const [local, setLocal] = useState<{ key: string; n?: number } | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    // The contract's own check first, so a missing folder is a sentence here, not a round trip.
    const parsed = filterSetSchema.safeParse(draft);
    if (!parsed.success) return setLocal(problemOf(parsed.error.issues[0]?.path ?? []));
    setLocal(null);
    save.mutate({ form: parsed.data });
  };

  return (
    <div className="filters" data-testid="filters">
      <h2 className="settings-heading">{t('title')}</h2>
      <p>{t('intro')}</p>
      <div className="filters-views" role="group">
        {(['form', 'raw'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => {
              setView(v);
              setLocal(null);
              save.reset();
            }}
          >
            {t(`view.${v}`)}
          </button>
        ))}
      </div>
      {state.scriptName !== null && !state.active && <p className="filters-note">{t('inactive')}</p>}
      {view === 'raw' ? (
        <RawEditor state={state} save={save} />
      ) : (
        <form onSubmit={onSubmit} noValidate aria-busy={save.isPending}>
          {state.mode === 'raw' && (
            <p className="filters-note" role="note">
              {t('rawNotice')}
            </p>
          )}
          <RuleList rules={draft.rules} onChange={(rules) => setDraft({ ...draft, rules })} />
          <VacationEditor vacation={draft.vacation} onChange={(vacation) => setDraft({ ...draft, vacation })} />
          <SaveFooter save={save} label={t('save')} local={local} />
        </form>
      )}
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterState } from '../../../../shared/filters.js';
import type { SaveMutation } from '../../state/queries/filters.js';
import { SaveFooter } from './SaveProblem.js';

/** The script as Sieve text, for experts; the mail server checks it and its refusal is shown in its own words. */
export function RawEditor({ state, save }: { state: FilterState; save: SaveMutation }) {
  const { t } = useTranslation('filters');
  const id = useId();
  const [script, setScript] = useState(state.script);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate({ script });
  };

  return (
    <form onSubmit={onSubmit} aria-busy={save.isPending} className="filters-raw">
      <label htmlFor={`${id}-script`}>{t('raw.label')}</label>
      <textarea
        id={`${id}-script`}
        className="filters-raw-script"
        rows={20}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={script}
        onChange={(e) => setScript(e.target.value)}
      />
      <p className="filters-hint">{t('raw.hint', { extensions: state.extensions.join(' ') })}</p>
      <SaveFooter save={save} label={t('raw.save')} />
    </form>
  );
}

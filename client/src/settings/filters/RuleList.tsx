import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterRule } from '../../../../shared/filters.js';
import { useMailboxesQuery } from '../../state/queries/mailboxes.js';
import { newRule } from './draft.js';
import { RuleEditor } from './RuleEditor.js';

/** The rules in the order the server runs them, each with its on/off switch; one open for editing at a time. */
export function RuleList({ rules, onChange }: { rules: FilterRule[]; onChange: (rules: FilterRule[]) => void }) {
  const { t } = useTranslation('filters');
  const mailboxes = useMailboxesQuery();
  const folders = (mailboxes.data ?? []).map((m) => m.path);
  const [open, setOpen] = useState<number | null>(null);

  const update = (i: number, rule: FilterRule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
    if (open === i) setOpen(i + by);
  };
  const remove = (i: number) => {
    onChange(rules.filter((_, j) => j !== i));
    setOpen(null);
  };
  const add = () => {
    // No folder chosen for the person: "Choose a folder…" until they pick one.
    onChange([...rules, newRule()]);
    setOpen(rules.length);
  };

  return (
    <section className="filters-rules" aria-labelledby="filters-rules-title">
      <h3 id="filters-rules-title">{t('rules.title')}</h3>
      {rules.length === 0 && <p>{t('rules.none')}</p>}
      <ol className="filters-rule-list">
        {rules.map((rule, i) => {
          const name = rule.name || t('rules.unnamed', { n: i + 1 });
          return (
            <li key={i} data-testid="filter-rule">
              <div className="filters-rule-row">
                <label>
                  <input type="checkbox" checked={rule.enabled} onChange={(e) => update(i, { ...rule, enabled: e.target.checked })} /> {t('rules.enabled')}
                </label>
                <span className="filters-rule-name">{name}</span>
                <button type="button" onClick={() => setOpen(open === i ? null : i)} aria-expanded={open === i}>
                  {open === i ? t('rules.done') : t('rules.edit')}
                </button>
                <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`${t('rules.up')}: ${name}`}>
                  ↑
                </button>
                <button type="button" onClick={() => move(i, 1)} disabled={i === rules.length - 1} aria-label={`${t('rules.down')}: ${name}`}>
                  ↓
                </button>
                <button type="button" onClick={() => remove(i)}>
                  {t('rules.delete')}
                </button>
              </div>
              {open === i && <RuleEditor rule={rule} folders={folders} onChange={(r) => update(i, r)} />}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add}>
        {t('rules.add')}
      </button>
    </section>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONDITION_OPS, FLAGS, type Condition, type ConditionOp, type FilterAction, type FilterActionType, type FilterRule } from '../../../../shared/filters.js';
import { joinField, newAction, newCondition, splitField, type FieldKind } from './draft.js';

const FIELD_KINDS: FieldKind[] = ['from', 'to', 'subject', 'header'];
const ACTION_TYPES: FilterActionType[] = ['fileinto', 'addflag', 'redirect', 'discard', 'stop'];
const FLAG_KEYS: Record<(typeof FLAGS)[number], string> = { '\\Seen': 'flag.seen', '\\Flagged': 'flag.flagged' };

interface Props {
  rule: FilterRule;
  /** Mailbox paths, for "move to folder". */
  folders: string[];
  onChange: (rule: FilterRule) => void;
}

/** One rule: its name, its conditions (all or any) and its actions, in the order the server runs them. */
export function RuleEditor({ rule, folders, onChange }: Props) {
  const { t } = useTranslation('filters');
  const id = useId();
  const setCondition = (i: number, c: Condition) => onChange({ ...rule, conditions: rule.conditions.map((x, j) => (j === i ? c : x)) });
  const setAction = (i: number, a: FilterAction) => onChange({ ...rule, actions: rule.actions.map((x, j) => (j === i ? a : x)) });

  return (
    <fieldset className="filters-rule-editor">
      <label htmlFor={`${id}-name`}>{t('rule.name')}</label>
      <input id={`${id}-name`} value={rule.name} maxLength={200} onChange={(e) => onChange({ ...rule, name: e.target.value })} />
      <label htmlFor={`${id}-match`}>{t('rule.match')}</label>
      <select id={`${id}-match`} value={rule.match} onChange={(e) => onChange({ ...rule, match: e.target.value === 'any' ? 'any' : 'all' })}>
        <option value="all">{t('rule.all')}</option>
        <option value="any">{t('rule.any')}</option>
      </select>

      <h4>{t('rule.conditions')}</h4>
      {rule.conditions.map((c, i) => {
        const { kind, header } = splitField(c.field);
        return (
          <div className="filters-line" key={i} data-testid="filter-condition">
            <select aria-label={t('rule.field')} value={kind} onChange={(e) => setCondition(i, { ...c, field: joinField(e.target.value as FieldKind, header) })}>
              {FIELD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`field.${k}`)}
                </option>
              ))}
            </select>
            {kind === 'header' && (
              <input aria-label={t('rule.headerName')} placeholder="X-Spam-Flag" value={header} onChange={(e) => setCondition(i, { ...c, field: joinField('header', e.target.value.trim()) })} />
            )}
            <select aria-label={t('rule.op')} value={c.op} onChange={(e) => setCondition(i, { ...c, op: e.target.value as ConditionOp })}>
              {CONDITION_OPS.map((op) => (
                <option key={op} value={op}>
                  {t(`op.${op}`)}
                </option>
              ))}
            </select>
            <input aria-label={t('rule.value')} value={c.value} maxLength={1000} onChange={(e) => setCondition(i, { ...c, value: e.target.value })} />
            <button type="button" disabled={rule.conditions.length === 1} onClick={() => onChange({ ...rule, conditions: rule.conditions.filter((_, j) => j !== i) })}>
              {t('rule.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" disabled={rule.conditions.length >= 20} onClick={() => onChange({ ...rule, conditions: [...rule.conditions, newCondition()] })}>
        {t('rule.addCondition')}
      </button>

      <h4>{t('rule.actions')}</h4>
      {rule.actions.map((a, i) => (
        <div className="filters-line" key={i} data-testid="filter-action">
          <select aria-label={t('rule.actionType')} value={a.type} onChange={(e) => setAction(i, newAction(e.target.value as FilterActionType))}>
            {ACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`action.${type}`)}
              </option>
            ))}
          </select>
          <ActionDetails action={a} folders={folders} onChange={(next) => setAction(i, next)} />
          <button type="button" disabled={rule.actions.length === 1} onClick={() => onChange({ ...rule, actions: rule.actions.filter((_, j) => j !== i) })}>
            {t('rule.remove')}
          </button>
        </div>
      ))}
      <button type="button" disabled={rule.actions.length >= 10} onClick={() => onChange({ ...rule, actions: [...rule.actions, newAction('addflag')] })}>
        {t('rule.addAction')}
      </button>
    </fieldset>
  );
}

function ActionDetails({ action, folders, onChange }: { action: FilterAction; folders: string[]; onChange: (a: FilterAction) => void }) {
  const { t } = useTranslation('filters');
  switch (action.type) {
    case 'fileinto':
      return (
        <select aria-label={t('folder')} value={action.folder} onChange={(e) => onChange({ ...action, folder: e.target.value })}>
          <option value="">{t('chooseFolder')}</option>
          {/* A folder the list no longer has (renamed elsewhere) stays visible, so saving does not silently change it. */}
          {[...(action.folder && !folders.includes(action.folder) ? [action.folder] : []), ...folders].map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      );
    case 'addflag':
      return (
        <select aria-label={t('action.addflag')} value={action.flag} onChange={(e) => onChange({ ...action, flag: e.target.value === '\\Flagged' ? '\\Flagged' : '\\Seen' })}>
          {FLAGS.map((f) => (
            <option key={f} value={f}>
              {t(FLAG_KEYS[f])}
            </option>
          ))}
        </select>
      );
    case 'redirect':
      return (
        <>
          <input type="email" aria-label={t('address')} value={action.address} onChange={(e) => onChange({ ...action, address: e.target.value.trim() })} />
          <label>
            <input type="checkbox" checked={action.copy} onChange={(e) => onChange({ ...action, copy: e.target.checked })} /> {t('keepCopy')}
          </label>
        </>
      );
    default:
      return null;
  }
}

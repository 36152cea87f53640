import { useTranslation } from 'react-i18next';
import { labelOf, type ActionContext, type AppAction } from '../actions/types.js';

/** Renders an action record as a toolbar button; hidden when the action cannot run. */
export function ActionButton({ action, ctx }: { action: AppAction; ctx: ActionContext }) {
  // Subscribes to language changes: the record's label is read again on each render.
  const { t } = useTranslation('actions');
  if (action.predicate && !action.predicate(ctx)) return null;
  const label = labelOf(action, ctx);
  // Named keys ("Delete") are shown in the UI language, as the shortcut help shows them.
  const key = action.shortcut && action.shortcut.length > 1 ? t(`settings:shortcuts.keys.${action.shortcut}`, { defaultValue: action.shortcut }) : action.shortcut;
  return (
    <button
      type="button"
      className={`action action-${action.name}`}
      title={key ? t('withShortcut', { label, key }) : label}
      aria-keyshortcuts={action.shortcut}
      onClick={() => action.perform(ctx)}
    >
      {label}
    </button>
  );
}

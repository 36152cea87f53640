import { labelOf, type ActionContext, type AppAction } from '../actions/types.js';

/** Renders an action record as a toolbar button; hidden when the action cannot run. */
export function ActionButton({ action, ctx }: { action: AppAction; ctx: ActionContext }) {
  if (action.predicate && !action.predicate(ctx)) return null;
  const label = labelOf(action, ctx);
  return (
    <button
      type="button"
      className={`action action-${action.name}`}
      title={action.shortcut ? `${label} (${action.shortcut})` : label}
      aria-keyshortcuts={action.shortcut}
      onClick={() => action.perform(ctx)}
    >
      {label}
    </button>
  );
}

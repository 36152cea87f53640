import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { KEYBOARD_ACTIONS } from '../actions/keyboardActions.js';
import { useSettings } from '../state/queries/settings.js';
import { closeShortcutHelp, useShortcutHelpOpen } from './helpState.js';
import { shortcutRows } from './shortcutHelp.js';

/**
 * The list of keyboard shortcuts, opened with "?" or from the settings.
 * A modal <dialog>: the browser traps focus in it, Escape closes it, and
 * focus returns to where it was.
 */
export function ShortcutHelp() {
  const open = useShortcutHelpOpen();
  return open ? <ShortcutDialog /> : null;
}

function ShortcutDialog() {
  const { t } = useTranslation('settings');
  const { keyboardShortcuts } = useSettings();
  const ref = useRef<HTMLDialogElement>(null);
  const rows = useMemo(() => shortcutRows(KEYBOARD_ACTIONS), []);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);

  const keyText = (label: string) => (label.startsWith('key:') ? t(`shortcuts.keys.${label.slice(4)}`, { defaultValue: label.slice(4) }) : label);

  return (
    <dialog
      ref={ref}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onClose={closeShortcutHelp}
      // The mail view's shortcuts must not act behind the dialog (Escape would also close the reader).
      onKeyDown={(e) => e.stopPropagation()}
    >
      <div className="shortcut-help-head">
        <h2 id="shortcut-help-title">{t('shortcuts.title')}</h2>
        <button type="button" onClick={() => ref.current?.close()}>
          {t('shortcuts.close')}
        </button>
      </div>
      {!keyboardShortcuts && (
        <p className="banner banner-note" role="note">
          {t('shortcuts.off')}
        </p>
      )}
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keyColumn')}</th>
            <th scope="col">{t('shortcuts.actionColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-action={row.name}>
              <td>
                {row.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="shortcut-or"> {t('shortcuts.or')} </span>}
                    <kbd>{keyText(k)}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(`shortcuts.actions.${row.name}`, { defaultValue: row.fallbackLabel })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}

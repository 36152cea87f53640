import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Mailbox } from '../../../../shared/mail.js';
import { canEmpty, isProtected } from '../../folders/folderTree.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import type { FolderDialogState } from './FolderDialog.js';

interface Item {
  key: string;
  label: string;
  run: () => void;
}

/** The actions one folder offers: protected folders only get "New subfolder" (and Empty, for Trash and Junk). */
export function folderActions(
  mailbox: Mailbox,
  t: TFunction<'folders'>,
  open: (state: FolderDialogState) => void,
  setSubscribed?: (subscribed: boolean) => void,
): Item[] {
  const items: Item[] = [{ key: 'create', label: t('menu.newSubfolder'), run: () => open({ kind: 'create', parent: mailbox.path }) }];
  if (!isProtected(mailbox)) {
    items.push(
      { key: 'rename', label: t('menu.rename'), run: () => open({ kind: 'rename', mailbox }) },
      { key: 'move', label: t('menu.move'), run: () => open({ kind: 'move', mailbox }) },
      { key: 'delete', label: t('menu.delete'), run: () => open({ kind: 'delete', mailbox }) },
    );
    if (setSubscribed && mailbox.subscribed) items.push({ key: 'hide', label: t('menu.hide'), run: () => setSubscribed(false) });
  }
  if (canEmpty(mailbox)) items.push({ key: 'empty', label: t('menu.empty', { name: mailboxLabel(mailbox) }), run: () => open({ kind: 'empty', mailbox }) });
  return items;
}

/**
 * The "…" button beside a folder in the pane and its menu (WAI-ARIA menu
 * button pattern): arrows move between items, Escape closes and gives the
 * focus back to the button.
 */
export function FolderMenu({ mailbox, open, setSubscribed }: { mailbox: Mailbox; open: (state: FolderDialogState) => void; setSubscribed: (subscribed: boolean) => void }) {
  const { t } = useTranslation('folders');
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = folderActions(mailbox, t, open, setSubscribed);

  useEffect(() => {
    if (expanded) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [expanded]);

  const close = (refocus: boolean) => {
    setExpanded(false);
    if (refocus) button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') close(true);
    else if (event.key === 'ArrowDown') entries[(at + 1) % entries.length]?.focus();
    else if (event.key === 'ArrowUp') entries[(at - 1 + entries.length) % entries.length]?.focus();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <span
      className="folder-menu"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setExpanded(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="folder-menu-button"
        aria-label={t('menu.label', { name: mailboxLabel(mailbox) })}
        aria-haspopup="menu"
        aria-expanded={expanded}
        aria-controls={expanded ? id : undefined}
        onClick={() => setExpanded((e) => !e)}
      >
        ⋯
      </button>
      {expanded && (
        <ul ref={menu} id={id} role="menu" className="folder-menu-list" aria-label={mailboxLabel(mailbox)} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(false);
                  item.run();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

import type { Mailbox } from '../../../../shared/mail.js';
import { rebasePath, isWithin } from '../../folders/folderTree.js';
import { navigate, parseRoute } from '../../state/route.js';
import { DeleteFolderConfirm, EmptyFolderConfirm } from './FolderConfirms.js';
import { CreateFolderForm, MoveFolderForm, RenameFolderForm } from './FolderForms.js';

/** Which folder dialog is open, and on what. */
export type FolderDialogState =
  | { kind: 'create'; parent: string | null }
  | { kind: 'rename'; mailbox: Mailbox }
  | { kind: 'move'; mailbox: Mailbox }
  | { kind: 'delete'; mailbox: Mailbox }
  | { kind: 'empty'; mailbox: Mailbox };

/** The open folder was renamed or moved: follow it, so the list stays on screen under its new path. */
function followRename(from: Mailbox, to: string): void {
  const route = parseRoute(window.location.hash);
  if (route.mailbox === null || !isWithin(route.mailbox, from.path, from.delimiter)) return;
  navigate({ mailbox: rebasePath(route.mailbox, from.path, to, from.delimiter), uid: null }, { replace: true });
}

/** The open folder was deleted: back to the default folder (MailApp opens the Inbox). */
function leaveDeleted(deleted: readonly string[]): void {
  const route = parseRoute(window.location.hash);
  if (route.mailbox !== null && deleted.includes(route.mailbox)) navigate({ mailbox: null, uid: null }, { replace: true });
}

/** One dialog for whichever folder action was picked, in the pane or the settings panel. */
export function FolderDialog({ state, mailboxes, onClose }: { state: FolderDialogState; mailboxes: Mailbox[]; onClose: () => void }) {
  switch (state.kind) {
    case 'create':
      return <CreateFolderForm parent={state.parent} mailboxes={mailboxes} onClose={onClose} />;
    case 'rename':
      return <RenameFolderForm mailbox={state.mailbox} onDone={(path) => followRename(state.mailbox, path)} onClose={onClose} />;
    case 'move':
      return <MoveFolderForm mailbox={state.mailbox} mailboxes={mailboxes} onDone={(path) => followRename(state.mailbox, path)} onClose={onClose} />;
    case 'delete':
      return <DeleteFolderConfirm mailbox={state.mailbox} mailboxes={mailboxes} onDone={leaveDeleted} onClose={onClose} />;
    case 'empty':
      return <EmptyFolderConfirm mailbox={state.mailbox} onClose={onClose} />;
  }
}

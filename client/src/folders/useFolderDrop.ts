import { useState, type DragEvent } from 'react';
import type { Mailbox } from '../../../shared/mail.js';
import { describeError } from '../errors.js';
import { useMessageActionMutation } from '../state/queries/messageActions.js';
import { navigate, parseRoute } from '../state/route.js';
import { activeMessageDrag, carriesMessages, endMessageDrag, readMessageDrag } from './messageDrag.js';

/** Messages can land in a real folder (not \Noselect) other than the one they come from. */
function accepts(mailbox: Mailbox, event: DragEvent): boolean {
  if (!mailbox.selectable || !carriesMessages(event.dataTransfer)) return false;
  // From another tab the source is unknown until the drop, which checks it again.
  return activeMessageDrag()?.mailbox !== mailbox.path;
}

/**
 * Folders as drop targets for dragged messages. A drop is the ordinary move
 * action (optimistic, rolled back with an error if the server refuses), so
 * the rows leave the list at once and the offline queue takes it when offline.
 */
export function useFolderDrop() {
  const move = useMessageActionMutation();
  const [over, setOver] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const propsFor = (mailbox: Mailbox) => ({
    onDragEnter: (event: DragEvent<HTMLElement>) => {
      if (accepts(mailbox, event)) setOver(mailbox.path);
    },
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!accepts(mailbox, event)) return;
      // Cancelling dragover is what makes an element a drop target (HTML drag-and-drop model).
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver((o) => (o === mailbox.path ? null : o));
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      setOver(null);
      const drag = readMessageDrag(event.dataTransfer);
      endMessageDrag();
      if (!drag || !mailbox.selectable || drag.mailbox === mailbox.path) return;
      event.preventDefault();
      setError(null);
      move.mutate({ mailbox: drag.mailbox, uids: drag.uids, action: 'move', target: mailbox.path }, { onError: (err) => setError(describeError(err)) });
      // A moved message that is open would show as a ghost: close it, as the reader's Move does.
      const route = parseRoute(window.location.hash);
      if (route.mailbox === drag.mailbox && route.uid !== null && drag.uids.includes(route.uid)) navigate({ mailbox: drag.mailbox, uid: null });
    },
    'data-drop-target': over === mailbox.path ? 'true' : undefined,
  });

  return { propsFor, error, clearError: () => setError(null) };
}

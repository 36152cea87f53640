import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the browser's own <dialog> (showModal): focus moves into
 * it and stays there, Escape closes it, the page behind is inert.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="folder-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: close through React state, so the dialog and its owner agree.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="folder-dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

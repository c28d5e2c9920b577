import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The buttons at the foot of the dialog. */
  actions: ReactNode;
  onClose(): void;
}

/**
 * A modal dialog on the native <dialog>: showModal() keeps focus inside and makes the rest
 * inert, Esc closes it, and focus returns to whatever opened it.
 */
export function Dialog({ open, title, children, actions, onClose }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const restoreFocus = () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
      onClose();
    };
    element.addEventListener('close', restoreFocus);
    return () => element.removeEventListener('close', restoreFocus);
  }, [onClose]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          <div className="dialog-actions">{actions}</div>
        </>
      ) : null}
    </dialog>
  );
}

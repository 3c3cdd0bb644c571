"use client";

import type { ReactNode, RefObject } from "react";

/**
 * A modal question before something that cannot be undone, opened by the caller with
 * `dialog.current?.showModal()` from its own button. The browser's modal `<dialog>` makes the
 * rest of the page inert, closes on Escape and gives focus back to that button; Cancel submits
 * the dialog's form, which closes it too. The title (`titleId`) names the dialog.
 */
export function ConfirmDialog({
  dialog,
  titleId,
  title,
  children,
  confirm,
  onConfirm,
}: {
  dialog: RefObject<HTMLDialogElement | null>;
  titleId: string;
  title: ReactNode;
  /** What happens, in a sentence or two. */
  children: ReactNode;
  /** The confirming button's text, which says what it does. */
  confirm: ReactNode;
  onConfirm: () => void;
}) {
  return (
    <dialog ref={dialog} className="card confirm" aria-labelledby={titleId}>
      <form method="dialog">
        <h2 id={titleId}>{title}</h2>
        <p>{children}</p>
        <div className="buttons">
          <button
            type="button"
            className="danger"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {confirm}
          </button>
          <button type="submit" className="secondary">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

"use client";

import { Fragment, type KeyboardEvent, useEffect, useRef } from "react";
import { keyLabel, SHORTCUTS } from "@/lib/tasks/shortcuts";

/**
 * The list of shortcuts in a modal dialog: the rest of the page is inert while it is open, Tab
 * stays inside, Escape closes it, and focus goes back to where it was.
 */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const closed = () => {
    onClose();
    // The browser gives focus back itself when it closes a modal dialog; this is for when it did
    // not. The close event comes after that, and a key pressed since (/ to search) may already
    // have moved focus on: it is not taken back.
    const focused = document.activeElement;
    const lost = focused === null || focused === document.body || dialog.current?.contains(focused);
    if (lost) returnTo.current?.focus();
    returnTo.current = null;
  };
  // The browser's own trap lets Tab leave for its toolbar; keep it on the dialog's controls.
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab") return;
    const controls = [...event.currentTarget.querySelectorAll<HTMLElement>("button, [href]")];
    const first = controls[0];
    const last = controls[controls.length - 1];
    const leaving = event.shiftKey
      ? document.activeElement === first
      : document.activeElement === last;
    if (leaving || !event.currentTarget.contains(document.activeElement)) {
      event.preventDefault();
      (event.shiftKey ? last : first)?.focus();
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" onClose={closed} onKeyDown={trapTab}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="hint">Anywhere on this page except while typing in a field.</p>
      <dl className="shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <Fragment key={shortcut.action}>
            <dt>
              {shortcut.keys.map((key) => {
                const label = keyLabel(key);
                if (label.spoken === label.shown) return <kbd key={key}>{label.shown}</kbd>;
                return (
                  <kbd key={key}>
                    <span aria-hidden="true">{label.shown}</span>
                    <span className="sr-only">{label.spoken}</span>
                  </kbd>
                );
              })}
            </dt>
            <dd>{shortcut.description}</dd>
          </Fragment>
        ))}
      </dl>
      <button type="button" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}

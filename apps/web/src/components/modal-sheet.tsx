"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * A modal `<dialog>` shown as soon as it mounts: the browser traps focus inside it, closes it on
 * Escape (`onClose`), and makes the rest of the page inert. When it goes away, focus goes back to
 * what had it before (the button that opened it). `className` places it: a sheet from the bottom
 * or a drawer from the side (phone.css).
 */
export function ModalSheet({
  label,
  className,
  onClose,
  children,
}: {
  label: string;
  className: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    const onCancel = () => close.current();
    element.addEventListener("close", onCancel);
    return () => {
      element.removeEventListener("close", onCancel);
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={dialog} className={className} aria-label={label}>
      {children}
    </dialog>
  );
}

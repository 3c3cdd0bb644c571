"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * The header's account links, theme and sign-out. On a phone they sit behind one "Menu" button
 * (a disclosure: WAI-ARIA APG), so the header stays one short row at 320 px; from 48rem up the
 * stylesheet shows them in the row and hides the button. Escape or a click elsewhere closes the
 * panel; Escape puts focus back on the button.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // Following a link in the panel closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div className="header-menu" ref={root} data-open={open}>
      <button
        ref={toggle}
        type="button"
        className="secondary header-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true" className="menu-icon" />
        Menu
      </button>
      <div id={panelId} className="header-menu-panel">
        {children}
      </div>
    </div>
  );
}

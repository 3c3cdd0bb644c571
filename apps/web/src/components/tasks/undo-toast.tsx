"use client";

import type { UndoToast as Toast } from "@/lib/tasks/use-undo";

/** The last deletion or completion, with the button (and the "u" shortcut) that takes it back. */
export function UndoToast({ toast }: { toast: Toast }) {
  if (!toast.current) return null;
  return (
    <div className="toast" role="status">
      <span>{toast.current.message}</span>
      <button type="button" data-shortcut="undo" onClick={toast.undo}>
        Undo
      </button>
    </div>
  );
}

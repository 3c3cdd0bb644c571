"use client";

import { useCallback, useEffect, useRef, useState } from "react";

const UNDO_MS = 5000;

/** Something the user just did that the toast offers to take back. */
export interface Undoable {
  /** What the toast says: "Deleted “Buy milk”". */
  readonly message: string;
  /** A task this keeps out of every list while it may be undone (a deletion not yet sent). */
  readonly hides?: string;
  /** Runs once the undo period ends, another action takes the toast, or the page is left. */
  readonly commit: () => void;
  /** Runs instead of `commit` when the user undoes. */
  readonly undo: () => void;
}

interface Offered {
  action: Undoable;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One undo toast for the page: deleting and completing both offer theirs here, the newer one
 * taking the place of (and committing) the older one.
 */
export function useUndo() {
  const [offered, setOffered] = useState<Offered | null>(null);
  const offeredRef = useRef<Offered | null>(null);

  const commit = useCallback((which: Offered) => {
    clearTimeout(which.timer);
    // Cleared at once, not on the next render: a page hide and an unmount both flush.
    if (offeredRef.current === which) offeredRef.current = null;
    setOffered((current) => (current === which ? null : current));
    which.action.commit();
  }, []);

  const offer = useCallback(
    (action: Undoable) => {
      if (offeredRef.current) commit(offeredRef.current);
      const next: Offered = { action, timer: setTimeout(() => commit(next), UNDO_MS) };
      offeredRef.current = next;
      setOffered(next);
    },
    [commit],
  );

  const undo = useCallback(() => {
    const which = offeredRef.current;
    if (!which) return;
    clearTimeout(which.timer);
    offeredRef.current = null;
    setOffered(null);
    which.action.undo();
  }, []);

  // Leaving the page must not cancel what the user did not undo.
  useEffect(() => {
    const flush = () => {
      if (offeredRef.current) commit(offeredRef.current);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [commit]);

  return { current: offered?.action ?? null, offer, undo };
}

export type UndoToast = ReturnType<typeof useUndo>;

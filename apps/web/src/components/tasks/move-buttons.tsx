"use client";

import { type MouseEvent, useEffect, useRef } from "react";

/**
 * Move up and Move down in a task's details: one place at a time in the user's own order, for
 * whoever cannot drag (docs/decisions/0029-drag-and-drop-order-and-undo.md). A move re-orders
 * the list, which can take the task out of the page and put it back: the button pressed gets the
 * focus back once the task is in its new place (its `position` changed).
 */
export function MoveButtons({
  position,
  moveUp,
  moveDown,
}: {
  position: string;
  moveUp: (() => void) | undefined;
  moveDown: (() => void) | undefined;
}) {
  const stepped = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (position) stepped.current?.focus();
    stepped.current = null;
  }, [position]);
  const step = (move: (() => void) | undefined) => (event: MouseEvent<HTMLButtonElement>) => {
    stepped.current = event.currentTarget;
    move?.();
  };
  return (
    <>
      <button type="button" className="ghost" disabled={!moveUp} onClick={step(moveUp)}>
        Move up
      </button>
      <button type="button" className="ghost" disabled={!moveDown} onClick={step(moveDown)}>
        Move down
      </button>
    </>
  );
}

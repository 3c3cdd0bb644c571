"use client";

import type { ComponentProps, CSSProperties, ReactNode } from "react";

/** What a sortable item puts on its element and where its handle goes. */
export interface SortableBinding {
  ref: ((element: HTMLElement | null) => void) | undefined;
  style: CSSProperties | undefined;
  dragging: boolean;
  handle: ReactNode;
}

/** What a sortable item is given (SortableItem, and DndItem once dnd-kit has arrived). */
export interface SortableItemProps {
  id: string;
  /** The handle's accessible name: "Move “Buy milk”". */
  label: string;
  children: (binding: SortableBinding) => ReactNode;
}

/** The drag handle: the only place a drag starts. Its accessible name is `label`. */
export function DragHandle({ label, ...props }: ComponentProps<"button"> & { label: string }) {
  return (
    <button type="button" className="drag-handle" data-own-keys="" {...props} aria-label={label}>
      <span aria-hidden="true">⠿</span>
    </button>
  );
}

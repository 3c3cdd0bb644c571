"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { CSSProperties, ReactNode } from "react";

/** What a sortable item puts on its element and where its handle goes. */
export interface SortableBinding {
  ref: (element: HTMLElement | null) => void;
  style: CSSProperties;
  dragging: boolean;
  handle: ReactNode;
}

/**
 * An item of a `SortableArea`: `children` gets the element's ref and style and the drag handle,
 * a button that is the only place a drag starts (the rest of the item keeps its clicks, and a
 * swipe elsewhere scrolls the page).
 */
export function SortableItem({
  id,
  label,
  children,
}: {
  id: string;
  /** The handle's accessible name: "Move “Buy milk”". */
  label: string;
  children: (binding: SortableBinding) => ReactNode;
}) {
  const sortable = useSortable({ id });
  const handle = (
    <button
      type="button"
      className="drag-handle"
      data-own-keys=""
      ref={sortable.setActivatorNodeRef}
      {...sortable.attributes}
      {...sortable.listeners}
      aria-label={label}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
  return children({
    ref: sortable.setNodeRef,
    style: {
      transform: CSS.Translate.toString(sortable.transform),
      transition: sortable.transition,
    },
    dragging: sortable.isDragging,
    handle,
  });
}

"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { DragHandle, type SortableItemProps } from "./drag-handle";

/**
 * An item of a `DndArea`: `children` gets the element's ref and style and the drag handle, a
 * button that is the only place a drag starts (the rest of the item keeps its clicks, and a
 * swipe elsewhere scrolls the page).
 */
export function DndItem({ id, label, children }: SortableItemProps) {
  const sortable = useSortable({ id });
  return children({
    ref: sortable.setNodeRef,
    style: {
      transform: CSS.Translate.toString(sortable.transform),
      transition: sortable.transition,
    },
    dragging: sortable.isDragging,
    handle: (
      <DragHandle
        label={label}
        data-item={id}
        ref={sortable.setActivatorNodeRef}
        {...sortable.attributes}
        {...sortable.listeners}
      />
    ),
  });
}

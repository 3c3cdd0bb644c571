"use client";

import { useContext } from "react";
import { DndInArea } from "./dnd-loader";
import { DragHandle, type SortableItemProps } from "./drag-handle";

/**
 * An item of a `SortableArea`: `children` gets the element's ref and style and the drag handle
 * (dnd-item.tsx). Until dnd-kit has arrived the handle is already in its place, marked
 * `aria-disabled` (it cannot start a drag yet), so nothing on the page shifts when it arrives.
 */
export function SortableItem({ id, label, children }: SortableItemProps) {
  const dnd = useContext(DndInArea);
  if (dnd) {
    return (
      <dnd.DndItem id={id} label={label}>
        {children}
      </dnd.DndItem>
    );
  }
  const handle = <DragHandle label={label} data-item={id} aria-disabled="true" />;
  return children({ ref: undefined, style: undefined, dragging: false, handle });
}

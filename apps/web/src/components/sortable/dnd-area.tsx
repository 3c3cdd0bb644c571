"use client";

import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import type { ReactNode } from "react";

export interface SortableAreaProps {
  /** Stable: names dnd-kit's live region. */
  id: string;
  /** The items' ids in their shown order. */
  ids: readonly string[];
  /** How an item is named to a screen reader ("Buy milk"). */
  nameOf: (id: string) => string;
  /** An item dropped on another one's place. */
  onMove: (id: string, overId: string) => void;
  children: ReactNode;
}

const SCREEN_READER_INSTRUCTIONS = {
  draggable:
    "To move this item, press Space or Enter. Use the up and down arrows to choose its place, " +
    "Space or Enter again to drop it there, Escape to cancel.",
};

/** What a screen reader hears while an item moves: every step, named by the items' titles. */
function announcements(ids: readonly string[], nameOf: (id: string) => string): Announcements {
  const name = (id: UniqueIdentifier) => nameOf(String(id));
  const where = (id: UniqueIdentifier, overId: UniqueIdentifier) =>
    ids.indexOf(String(id)) < ids.indexOf(String(overId)) ? "after" : "before";
  return {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}.`,
    // Over itself is where a drag starts: "Picked up" is what is heard then.
    onDragOver: ({ active, over }) =>
      over && over.id !== active.id
        ? `${name(active.id)} goes ${where(active.id, over.id)} ${name(over.id)}.`
        : undefined,
    onDragEnd: ({ active, over }) =>
      over && over.id !== active.id
        ? `Moved ${name(active.id)} ${where(active.id, over.id)} ${name(over.id)}.`
        : `${name(active.id)} was dropped in its place.`,
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
  };
}

/**
 * A vertical list whose items move by drag and drop (dnd-kit): with a pointer from an item's
 * handle, after a few pixels of movement so a tap or a scroll never starts a drag, or with the
 * keyboard (Space, arrows, Space), each step announced.
 */
export function DndArea({ id, ids, nameOf, onMove, children }: SortableAreaProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && over.id !== active.id) onMove(String(active.id), String(over.id));
  };
  return (
    <DndContext
      id={id}
      sensors={sensors}
      collisionDetection={closestCenter}
      accessibility={{
        announcements: announcements(ids, nameOf),
        screenReaderInstructions: SCREEN_READER_INSTRUCTIONS,
      }}
      onDragEnd={onDragEnd}
    >
      <SortableContext items={[...ids]} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}

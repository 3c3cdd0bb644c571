"use client";

import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { SortableAreaProps } from "./dnd-area";
import { DndInArea, useDnd } from "./dnd-loader";

/**
 * Whether the user is in the middle of something in the area: the focus on anything but a drag
 * handle (a title being edited, a link), or a task's details open. dnd-kit wraps the area's items
 * anew when it takes over, which would close those details and drop that focus.
 */
function inUse(area: HTMLElement): boolean {
  const active = document.activeElement;
  const focused = active && area.contains(active) && !active.classList.contains("drag-handle");
  return Boolean(focused) || area.querySelector('[aria-expanded="true"]') !== null;
}

/**
 * dnd-kit for the area once it is loaded and the area is not in use (waiting, when it is, until
 * it no longer is). A drag handle that had the focus gets it back once dnd-kit has taken it over.
 */
function useDndWhenFree(area: RefObject<HTMLElement | null>) {
  const loaded = useDnd();
  const [free, setFree] = useState(false);
  const focused = useRef<string | null>(null);
  useEffect(() => {
    const element = area.current;
    if (!loaded || free || !element) return;
    const check = () => {
      if (inUse(element)) return;
      const active = document.activeElement;
      focused.current = element.contains(active)
        ? (active?.getAttribute("data-item") ?? null)
        : null;
      setFree(true);
    };
    check();
    const later = () => setTimeout(check);
    const observer = new MutationObserver(check);
    observer.observe(element, {
      subtree: true,
      childList: true,
      attributeFilter: ["aria-expanded"],
    });
    document.addEventListener("focusin", later);
    document.addEventListener("focusout", later);
    return () => {
      observer.disconnect();
      document.removeEventListener("focusin", later);
      document.removeEventListener("focusout", later);
    };
  }, [loaded, free, area]);
  useLayoutEffect(() => {
    const id = focused.current;
    focused.current = null;
    if (free && id !== null) {
      area.current
        ?.querySelector<HTMLElement>(`.drag-handle[data-item="${CSS.escape(id)}"]`)
        ?.focus();
    }
  }, [free, area]);
  return free ? loaded : null;
}

/**
 * A vertical list whose items move by drag and drop, with a pointer from an item's handle or
 * with the keyboard (Space, arrows, Space), each step announced (dnd-area.tsx). dnd-kit is
 * loaded when the first such list is shown (dnd-loader.ts); until it takes over, the items are
 * the same, handles included, and Move up and Move down work. The wrapper has no box of its own
 * (`display: contents`): it is what stays in place when dnd-kit takes over.
 */
export function SortableArea(props: SortableAreaProps) {
  const area = useRef<HTMLDivElement>(null);
  const dnd = useDndWhenFree(area);
  return (
    <div ref={area} className="sortable-area">
      {dnd ? (
        <DndInArea value={dnd}>
          <dnd.DndArea {...props} />
        </DndInArea>
      ) : (
        props.children
      )}
    </div>
  );
}

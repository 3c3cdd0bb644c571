"use client";

import { createContext, useEffect, useSyncExternalStore } from "react";

type Dnd = typeof import("./dnd");

// dnd-kit is loaded when a sortable list is first shown (tasks in manual order, two or more lists
// of one's own in the sidebar), not with the page: the tasks page's first load stays within its
// weight budget (docs/web-app.md). A load that failed (offline before it arrived) is tried again
// once the browser is back online.
let dnd: Dnd | null = null;
let asked = false;
const listeners = new Set<() => void>();

function load(): void {
  if (asked) return;
  asked = true;
  import("./dnd").then(
    ({ DndArea, DndItem }) => {
      dnd = { DndArea, DndItem };
      for (const listener of listeners) listener();
    },
    () => {
      asked = false;
      window.addEventListener("online", load, { once: true });
    },
  );
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * dnd-kit's components once they are loaded, null before (and in the server's HTML and while
 * the page hydrates, so both render the same). Asks for them.
 */
export function useDnd(): Dnd | null {
  const loaded = useSyncExternalStore(
    subscribe,
    () => dnd,
    () => null,
  );
  useEffect(() => {
    if (!dnd) load();
  }, []);
  return loaded;
}

/** What a `SortableArea` gives its items: dnd-kit, once the area uses it. */
export const DndInArea = createContext<Dnd | null>(null);

"use client";

import { createContext, useEffect } from "react";
import { pageValue, usePageValue } from "@/lib/page-value";

type Dnd = typeof import("./dnd");

// dnd-kit is loaded when a sortable list is first shown (tasks in manual order, two or more lists
// of one's own in the sidebar), not with the page: the tasks page's first load stays within its
// weight budget (docs/web-app.md). A load that failed (offline before it arrived) is tried again
// once the browser is back online.
const dnd = pageValue<Dnd | null>(null);
let asked = false;

function load(): void {
  if (asked) return;
  asked = true;
  import("./dnd").then(
    ({ DndArea, DndItem }) => dnd.set({ DndArea, DndItem }),
    () => {
      asked = false;
      window.addEventListener("online", load, { once: true });
    },
  );
}

/**
 * dnd-kit's components once they are loaded, null before (and in the server's HTML and while
 * the page hydrates, so both render the same). Asks for them.
 */
export function useDnd(): Dnd | null {
  const loaded = usePageValue(dnd);
  useEffect(() => {
    if (!dnd.get()) load();
  }, []);
  return loaded;
}

/** What a `SortableArea` gives its items: dnd-kit, once the area uses it. */
export const DndInArea = createContext<Dnd | null>(null);

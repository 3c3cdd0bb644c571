"use client";

import type { Task } from "@todo/contract";
import { useEffect, useState } from "react";
import type { ApiClient } from "@/lib/api-client";
import { addDays, type Day, dayOf } from "@/lib/quick-add/calendar";
import { type TaskView, VIEW_PAGE_SIZE, viewFilters } from "./task-views";
import { useTaskList } from "./use-task-list";

const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

/** Today in the browser's calendar, moving on at midnight while the page stays open. */
export function useToday(): Day {
  const [today, setToday] = useState(() => dayOf(new Date()));
  useEffect(() => {
    // Local midnight that ends `today` (a date-time without a zone is the browser's own).
    const midnight = new Date(`${addDays(today, 1)}T00:00:00`).getTime();
    const timer = setTimeout(() => setToday(dayOf(new Date())), midnight - Date.now());
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}

/**
 * One view's tasks. The sidebar's count and the view itself share this query (same key), so
 * every optimistic change and live event that reaches the cache moves both at once.
 */
export function useTaskView(
  api: ApiClient,
  view: TaskView,
  today: Day,
  hidden: ReadonlySet<string> = NOTHING_HIDDEN,
  enabled = true,
) {
  return useTaskList(api, viewFilters(view, today), hidden, enabled, VIEW_PAGE_SIZE);
}

/** "3", or "100+" when the view holds more than one page. */
export function viewCount(tasks: readonly Task[] | undefined, more: boolean): string | undefined {
  return tasks === undefined ? undefined : `${tasks.length}${more ? "+" : ""}`;
}

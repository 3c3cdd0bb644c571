"use client";

import { useEffect, useMemo, useState } from "react";
import type { ApiClient } from "@/lib/api-client";
import type { TaskListFilters } from "@/lib/tasks/task-keys";
import { useTaskList } from "@/lib/tasks/use-task-list";
import { showReminder } from "./notify";
import { plannedReminders } from "./schedule";

/** A timer never waits longer than this: the window of days moves, and clocks drift. */
const REPLAN_MS = 60 * 60_000;
const NONE: ReadonlySet<string> = new Set();

function day(offset: number, now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset, 12);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Plans the reminders of the open tasks due from yesterday to the day after tomorrow, across
 * every list (decision 0031). The tasks come from the query cache, where every change lands at
 * once (optimistic, the API's answer, a live event), so the plan follows them; one timer waits
 * for the next reminder, and is set again whenever the tasks change.
 */
export function useReminders(api: ApiClient): void {
  const [today, setToday] = useState(() => day(0));
  const filters = useMemo<TaskListFilters>(
    () => ({
      status: "pending",
      sort: "due",
      order: "asc",
      dueFrom: day(-1, new Date(`${today}T12:00:00`)),
      dueTo: day(2, new Date(`${today}T12:00:00`)),
    }),
    [today],
  );
  const tasks = useTaskList(api, filters, NONE).data;
  const [tick, setTick] = useState(0);

  useEffect(() => {
    // `tick` re-runs this after each timer, so the plan is made again from the same tasks.
    void tick;
    const now = Date.now();
    const next = plannedReminders(tasks ?? [], now)[0];
    const wait = next ? Math.max(0, Math.min(next.at - now, REPLAN_MS)) : REPLAN_MS;
    const timer = setTimeout(() => {
      setToday(day(0));
      if (next && next.at <= Date.now())
        void showReminder(next).finally(() => setTick((n) => n + 1));
      else setTick((n) => n + 1);
    }, wait);
    return () => clearTimeout(timer);
  }, [tasks, tick]);
}

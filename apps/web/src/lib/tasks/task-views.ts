import { addDays, type Day } from "@/lib/quick-add/calendar";
import type { TaskListFilters } from "./task-keys";

/** The views across every list the user can see, beside the lists themselves. */
export const TASK_VIEWS = ["today", "upcoming"] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

export const VIEW_TITLES: Record<TaskView, string> = { today: "Today", upcoming: "Upcoming" };

/** How far Upcoming looks: the seven days after today. */
export const UPCOMING_DAYS = 7;

/** One page holds a view's count (the API's largest page); more shows as "100+". */
export const VIEW_PAGE_SIZE = 100;

/** The view a URL's `?view=` names, or undefined for any other value. */
export function taskViewOf(param: string | null): TaskView | undefined {
  return TASK_VIEWS.find((view) => view === param);
}

export const viewHref = (view: TaskView) => `/tasks?view=${view}`;

/**
 * What a view asks GET /api/tasks (no listId: every list the user can see), open tasks by due
 * date. Today is due today or before (overdue); Upcoming is tomorrow through seven days on.
 * `today` is the browser's own calendar day, as every due date is.
 */
export function viewFilters(view: TaskView, today: Day): TaskListFilters {
  const open = { status: "pending", sort: "due", order: "asc" } as const;
  return view === "today"
    ? { ...open, dueTo: today }
    : { ...open, dueFrom: addDays(today, 1), dueTo: addDays(today, UPCOMING_DAYS) };
}

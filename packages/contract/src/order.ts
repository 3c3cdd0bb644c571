import type { SortOrder, TaskSort, TaskStatus } from "./list.js";
import { tagKey } from "./tags.js";
import { PRIORITIES, type Priority, type Task } from "./task.js";

/** What `title` sorts by: the title lower-cased (the API keeps it in its `title_key` column). */
export function titleKey(title: string): string {
  return title.toLowerCase();
}

/** What a search looks in: title and description, lower-cased (the API's `search_text`). */
export function searchText(title: string, description: string): string {
  return `${title}\n${description}`.toLowerCase();
}

/** One sort of GET /api/tasks: the task's value, the API's column for it, where nulls go. */
interface SortRule {
  readonly column: "created_at" | "updated_at" | "due_date" | "priority" | "title_key" | "position";
  /** Tasks without a value come last in both directions. */
  readonly nullsLast: boolean;
  value(task: Task): string | number | null;
}

/**
 * The sort rules, read by the API's query builder (column, nulls) and by the browser's cache
 * (value), so a task lands where the next page load would put it. Ties are broken by id, in the
 * chosen direction.
 */
export const SORT_RULES: { readonly [S in TaskSort]: SortRule } = {
  created: { column: "created_at", nullsLast: false, value: (task) => task.createdAt },
  updated: { column: "updated_at", nullsLast: false, value: (task) => task.updatedAt },
  due: { column: "due_date", nullsLast: true, value: (task) => task.dueDate },
  // Stored as a rank (1 low … 3 high) by the API: the same order as PRIORITIES.
  priority: {
    column: "priority",
    nullsLast: false,
    value: (task) => PRIORITIES.indexOf(task.priority),
  },
  title: { column: "title_key", nullsLast: false, value: (task) => titleKey(task.title) },
  // The user's own order (position.ts): ascending is the order they arranged.
  manual: { column: "position", nullsLast: false, value: (task) => task.position },
};

/** The order of GET /api/tasks: the sort's value, then the id, both in the chosen direction. */
export function compareTasks(a: Task, b: Task, sort: TaskSort, order: SortOrder): number {
  const rule = SORT_RULES[sort];
  const x = rule.value(a);
  const y = rule.value(b);
  if (x === null && y !== null) return 1;
  if (y === null && x !== null) return -1;
  const direction = order === "desc" ? -1 : 1;
  if (x !== y && x !== null && y !== null) return (x < y ? -1 : 1) * direction;
  if (a.id === b.id) return 0;
  return (a.id < b.id ? -1 : 1) * direction;
}

/** The filters of GET /api/tasks. */
export interface TaskFilters {
  readonly listId?: string;
  readonly status: TaskStatus;
  readonly priority?: Priority;
  readonly q?: string;
  readonly tag?: string;
  /** One task's subtasks; absent, top-level tasks only. */
  readonly parentId?: string;
  readonly dueFrom?: string;
  readonly dueTo?: string;
}

/** Whether GET /api/tasks returns this task for these filters (the API applies them in SQL). */
export function matchesFilters(task: Task, filters: TaskFilters): boolean {
  if (filters.listId !== undefined && task.listId !== filters.listId) return false;
  if (filters.status === "completed" && !task.completed) return false;
  if (filters.status === "pending" && task.completed) return false;
  if (filters.priority && task.priority !== filters.priority) return false;
  if ((filters.parentId ?? null) !== task.parentId) return false;
  if (filters.tag && !task.tags.some((tag) => tagKey(tag) === tagKey(filters.tag ?? ""))) {
    return false;
  }
  if ((filters.dueFrom || filters.dueTo) && task.dueDate === null) return false;
  if (filters.dueFrom && task.dueDate !== null && task.dueDate < filters.dueFrom) return false;
  if (filters.dueTo && task.dueDate !== null && task.dueDate > filters.dueTo) return false;
  const q = filters.q?.trim().toLowerCase();
  if (q && !searchText(task.title, task.description).includes(q)) return false;
  return true;
}

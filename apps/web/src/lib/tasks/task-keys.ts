import type { Priority, SortOrder, TaskSort, TaskStatus } from "@todo/contract";

/** What a list shows: every list query of GET /api/tasks except the page (limit, cursor). */
export interface TaskListFilters {
  /** The list whose tasks these are (GET /api/tasks?listId=); every list's when absent. */
  readonly listId?: string;
  readonly status: TaskStatus;
  readonly sort: TaskSort;
  readonly order: SortOrder;
  readonly priority?: Priority;
  readonly q?: string;
  readonly tag?: string;
  /** Due on or after / on or before these days (YYYY-MM-DD): the Today and Upcoming views. */
  readonly dueFrom?: string;
  readonly dueTo?: string;
  /** One task's subtasks (its open details); top-level tasks when absent. */
  readonly parentId?: string;
}

/** Tasks asked for per page ("load more" asks for the next). */
export const PAGE_SIZE = 20;

/** How a list is shown until the user changes a filter: every task, newest first. */
export const DEFAULT_VIEW = { status: "all", sort: "created", order: "desc" } as const;

/**
 * Every query key about tasks, from the widest to the narrowest, so that one call can reach a
 * whole family: `taskKeys.lists()` matches every cached list whatever its filters.
 */
export const taskKeys = {
  all: ["tasks"] as const,
  lists: () => [...taskKeys.all, "list"] as const,
  list: (filters: TaskListFilters) => [...taskKeys.lists(), filters] as const,
  details: () => [...taskKeys.all, "detail"] as const,
  detail: (id: string) => [...taskKeys.details(), id] as const,
  /** Mutations share this prefix: lists wait for them to settle (see `taskChangesSettled`). */
  mutations: () => [...taskKeys.all, "change"] as const,
};

/**
 * The user's lists (GET /api/lists, every page): one cache entry, small, reloaded after every
 * change to tasks or lists so that the counts agree with the API.
 */
export const listKeys = {
  all: ["lists"] as const,
};

/** The filters a list key was made with, or undefined for a key that is not a list's. */
export function filtersOfKey(key: readonly unknown[]): TaskListFilters | undefined {
  const [root, kind, filters] = key;
  if (root !== taskKeys.all[0] || kind !== "list") return undefined;
  return typeof filters === "object" && filters !== null ? (filters as TaskListFilters) : undefined;
}

import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { Task, TaskPage } from "@todo/contract";
import { compareTasks, matchesFilters } from "@todo/contract/order";
import { filtersOfKey, type TaskListFilters, taskKeys } from "./task-keys";

/** A cached list: the pages loaded so far, each requested with the previous page's cursor. */
export type TaskPages = InfiniteData<TaskPage, string | null>;

function withPage(data: TaskPages, index: number, page: TaskPage): TaskPages {
  return { ...data, pages: data.pages.map((p, i) => (i === index ? page : p)) };
}

/** The list without the task (the same object when it was not there). */
export function withoutTask(data: TaskPages, id: string): TaskPages {
  const index = data.pages.findIndex((page) => page.items.some((t) => t.id === id));
  if (index === -1) return data;
  const page = data.pages[index] as TaskPage;
  return withoutTask(
    withPage(data, index, { ...page, items: page.items.filter((t) => t.id !== id) }),
    id,
  );
}

/**
 * The list with the task where the API would put it, or without it when it no longer matches
 * the filters. A task that sorts after everything loaded is left to the next page, unless the
 * list is complete. `replaces` is the id the task had before (a draft's).
 */
export function withTask(
  data: TaskPages,
  task: Task,
  filters: TaskListFilters,
  replaces?: string,
): TaskPages {
  let base = withoutTask(data, task.id);
  if (replaces !== undefined) base = withoutTask(base, replaces);
  if (!matchesFilters(task, filters)) return base;
  const follows = (other: Task) => compareTasks(task, other, filters.sort, filters.order) < 0;
  for (const [index, page] of base.pages.entries()) {
    const at = page.items.findIndex(follows);
    if (at !== -1) {
      const items = [...page.items.slice(0, at), task, ...page.items.slice(at)];
      return withPage(base, index, { ...page, items });
    }
  }
  const last = base.pages.at(-1);
  if (!last || last.nextCursor !== null) return base;
  return withPage(base, base.pages.length - 1, { ...last, items: [...last.items, task] });
}

function updateLists(
  queryClient: QueryClient,
  update: (data: TaskPages, filters: TaskListFilters) => TaskPages,
): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: taskKeys.lists() })) {
    const filters = filtersOfKey(query.queryKey);
    const data = query.state.data as TaskPages | undefined;
    if (!filters || !data) continue;
    const next = update(data, filters);
    if (next !== data) queryClient.setQueryData<TaskPages>(query.queryKey, next);
  }
}

/**
 * A created or changed task, in every cached list where it belongs and out of those where it
 * no longer does. Optimistic changes, their rollbacks and the API's answers all go through here.
 */
export function putTask(queryClient: QueryClient, task: Task, replaces?: string): void {
  updateLists(queryClient, (data, filters) => withTask(data, task, filters, replaces));
  if (queryClient.getQueryData(taskKeys.detail(task.id)) !== undefined) {
    queryClient.setQueryData(taskKeys.detail(task.id), task);
  }
}

/** The task as the cache holds it now (in any list, or its detail), if anywhere. */
export function cachedTask(queryClient: QueryClient, id: string): Task | undefined {
  const detail = queryClient.getQueryData<Task>(taskKeys.detail(id));
  if (detail !== undefined) return detail;
  for (const [, data] of queryClient.getQueriesData<TaskPages>({ queryKey: taskKeys.lists() })) {
    for (const page of data?.pages ?? []) {
      const task = page.items.find((item) => item.id === id);
      if (task !== undefined) return task;
    }
  }
  return undefined;
}

/** A list's tasks, out of the cached lists across lists (Today, Upcoming): the list is gone. */
export function dropTasksOfList(queryClient: QueryClient, listId: string): void {
  updateLists(queryClient, (data) => {
    const gone = data.pages.flatMap((page) => page.items).filter((t) => t.listId === listId);
    return gone.reduce((rest, task) => withoutTask(rest, task.id), data);
  });
}

/** A deleted task, out of every cached list. */
export function dropTask(queryClient: QueryClient, id: string): void {
  updateLists(queryClient, (data) => withoutTask(data, id));
  queryClient.removeQueries({ queryKey: taskKeys.detail(id), exact: true });
}

function taskChangesPending(queryClient: QueryClient): boolean {
  return queryClient.isMutating({ mutationKey: taskKeys.mutations() }) > 0;
}

/**
 * Resolves once no change of ours is on its way to the API. A list requested meanwhile could
 * predate the change and undo it on screen; lists wait for this before they ask.
 */
export function taskChangesSettled(queryClient: QueryClient): Promise<void> {
  if (!taskChangesPending(queryClient)) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = queryClient.getMutationCache().subscribe(() => {
      if (taskChangesPending(queryClient)) return;
      unsubscribe();
      resolve();
    });
  });
}

"use client";

import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract";
import { useCallback } from "react";
import type { ApiClient } from "@/lib/api-client";
import { type TaskPages, taskChangesSettled } from "./task-cache";
import { PAGE_SIZE, type TaskListFilters, taskKeys } from "./task-keys";

/**
 * One list of tasks, page by page ("load more" asks for the next cursor). `hidden` tasks are
 * left out whatever the API says (a deletion waiting out its undo period). Nothing is asked
 * while `enabled` is false (the page does not know yet which list it shows).
 */
export function useTaskList(
  api: ApiClient,
  filters: TaskListFilters,
  hidden: ReadonlySet<string>,
  enabled = true,
  pageSize = PAGE_SIZE,
) {
  const queryClient = useQueryClient();
  const select = useCallback(
    (data: TaskPages): Task[] =>
      data.pages.flatMap((page) => page.items).filter((task) => !hidden.has(task.id)),
    [hidden],
  );
  return useInfiniteQuery({
    queryKey: taskKeys.list(filters),
    queryFn: async ({ pageParam }) => {
      await taskChangesSettled(queryClient);
      return api.listTasks({
        ...filters,
        limit: pageSize,
        ...(pageParam !== null && { cursor: pageParam }),
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    // Another filter keeps the current list on screen (marked busy) until its own arrives.
    placeholderData: keepPreviousData,
    select,
  });
}

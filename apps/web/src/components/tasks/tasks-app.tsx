"use client";

import { useMutationState } from "@tanstack/react-query";
import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/tasks";
import { useCallback, useMemo, useState } from "react";
import { SignedOutError } from "@/lib/access-token";
import type { TaskListFilters } from "@/lib/tasks/task-keys";
import { isDraft } from "@/lib/tasks/task-order";
import { useDeleteWithUndo } from "@/lib/tasks/use-delete-with-undo";
import { useLiveTasks } from "@/lib/tasks/use-live-tasks";
import { taskMutationKeys, useTaskChanges } from "@/lib/tasks/use-task-changes";
import { useTaskList } from "@/lib/tasks/use-task-list";
import { useApiClient, useSignOutAndReturn } from "@/lib/use-api-client";
import { useDebounced } from "@/lib/use-debounced";
import { FilterBar, type Filters } from "./filters";
import { describeError } from "./messages";
import { NewTaskForm } from "./new-task-form";
import { TaskList } from "./task-list";

const INITIAL_FILTERS: Filters = { status: "all", priority: "", sort: "created", order: "desc" };

export function TasksApp({ apiUrl, userId }: { apiUrl: string; userId: string }) {
  const api = useApiClient(apiUrl, "/tasks");
  useLiveTasks(apiUrl, userId, useSignOutAndReturn("/tasks"));
  const [filters, setFilters] = useState<Filters>(INITIAL_FILTERS);
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim(), 250);
  const [notice, setNotice] = useState("");

  const listFilters = useMemo<TaskListFilters>(
    () => ({
      status: filters.status,
      sort: filters.sort,
      order: filters.order,
      ...(filters.priority && { priority: filters.priority }),
      ...(query && { q: query }),
    }),
    [filters, query],
  );
  const report = useCallback(
    (what: string, error: unknown) => setNotice(`${what}: ${describeError(error)}`),
    [],
  );
  const changes = useTaskChanges(api, report);
  const deletion = useDeleteWithUndo(changes.remove.mutate);
  const list = useTaskList(api, listFilters, deletion.hidden);
  const updating = useMutationState({
    filters: { mutationKey: taskMutationKeys.update, status: "pending" },
    select: (mutation) => (mutation.state.variables as { task: Task } | undefined)?.task.id,
  });

  const create = async (input: CreateTaskInput): Promise<boolean> => {
    setNotice("");
    return changes.create.mutateAsync(input).then(
      () => true,
      () => false,
    );
  };
  const update = (task: Task, taskChanges: UpdateTaskInput) => {
    setNotice("");
    changes.update.mutate({ task, changes: taskChanges });
  };
  const loadMore = async () => {
    const result = await list.fetchNextPage();
    if (result.isFetchNextPageError && !(result.error instanceof SignedOutError)) {
      setNotice(describeError(result.error));
    }
  };

  const tasks = list.data;
  const showLoadError = list.isError && tasks === undefined;
  const signedOut = list.error instanceof SignedOutError;
  const filtered = query !== "" || filters.status !== "all" || filters.priority !== "";
  return (
    <div>
      <div className="tasks-header">
        <h1>Tasks</h1>
        {tasks !== undefined && !list.isFetching && (
          <span className="counts" aria-live="polite">
            {tasks.length === 0 ? "" : `${tasks.length}${list.hasNextPage ? "+" : ""} shown`}
          </span>
        )}
      </div>
      <NewTaskForm onCreate={create} />
      <FilterBar filters={filters} search={search} onSearch={setSearch} onChange={setFilters} />
      <div aria-live="assertive">
        {notice && (
          <div className="alert error" role="alert">
            {notice}{" "}
            <button type="button" className="ghost" onClick={() => setNotice("")}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      <TaskList
        tasks={signedOut ? undefined : tasks}
        loadError={showLoadError && !signedOut ? describeError(list.error) : null}
        busy={list.isFetching && !list.isFetchingNextPage}
        filtered={filtered}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        isPending={(task) => isDraft(task) || updating.includes(task.id)}
        onRetry={() => void list.refetch()}
        onLoadMore={() => void loadMore()}
        onUpdate={update}
        onDelete={deletion.remove}
      />
      {deletion.undoable && (
        <div className="toast" role="status">
          <span>Deleted “{deletion.undoable.title}”</span>
          <button type="button" onClick={deletion.undo}>
            Undo
          </button>
        </div>
      )}
    </div>
  );
}

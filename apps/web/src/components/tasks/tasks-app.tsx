"use client";

import { useMutationState } from "@tanstack/react-query";
import type { CreateTaskInput, TaskList as List, Task, UpdateTaskInput } from "@todo/contract";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { SignedOutError } from "@/lib/access-token";
import { useSharing } from "@/lib/sharing/use-sharing";
import { DEFAULT_VIEW, type TaskListFilters } from "@/lib/tasks/task-keys";
import { isDraft } from "@/lib/tasks/task-order";
import { useDeleteWithUndo } from "@/lib/tasks/use-delete-with-undo";
import { useListChanges, useLists } from "@/lib/tasks/use-lists";
import { useLiveTasks } from "@/lib/tasks/use-live-tasks";
import { taskMutationKeys, useTaskChanges } from "@/lib/tasks/use-task-changes";
import { useTaskList } from "@/lib/tasks/use-task-list";
import { useTaskShortcuts } from "@/lib/tasks/use-task-shortcuts";
import { useApiClient, useSignOutAndReturn } from "@/lib/use-api-client";
import { useDebounced } from "@/lib/use-debounced";
import { useHydrated } from "@/lib/use-hydrated";
import { ShareDialog } from "../sharing/share-dialog";
import { FilterBar, type Filters } from "./filters";
import { ListHeader } from "./list-header";
import { listHref } from "./list-nav";
import { ListsDrawer } from "./lists-drawer";
import { describeError } from "./messages";
import { NewTaskForm } from "./new-task-form";
import { ShortcutHelp } from "./shortcut-help";
import { TaskList } from "./task-list";

const INITIAL_FILTERS: Filters = { ...DEFAULT_VIEW, priority: "", tag: "" };

/** Each tag of these tasks once, whatever its case, A to Z: what the tag filter offers. */
function tagsOf(tasks: readonly Task[]): string[] {
  const seen = new Map<string, string>();
  for (const task of tasks) for (const tag of task.tags) seen.set(tag.toLowerCase(), tag);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export function TasksApp({ apiUrl, userId }: { apiUrl: string; userId: string }) {
  const api = useApiClient(apiUrl, "/tasks");
  // The server's HTML already shows the first tasks: data-hydrated says React is now in charge.
  const hydrated = useHydrated();
  useLiveTasks(apiUrl, userId, useSignOutAndReturn("/tasks"));
  const [filters, setFilters] = useState<Filters>(INITIAL_FILTERS);
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim(), 250);
  const [notice, setNotice] = useState("");
  const report = useCallback(
    (what: string, error: unknown) => setNotice(`${what}: ${describeError(error)}`),
    [],
  );

  // The selected list is in the URL (?list=<id>), so a reload or a shared link keeps it; an
  // unknown id (deleted, or never the user's) shows the Inbox.
  const requested = useSearchParams().get("list");
  const lists = useLists(api);
  const listChanges = useListChanges(api, report);
  const selected =
    lists.data?.find((list) => list.id === requested) ?? lists.data?.find((l) => l.isInbox);
  const [focusId, setFocusId] = useState<string>();
  const select = (list: List) => {
    setNotice("");
    window.history.pushState(null, "", listHref(list));
  };

  const listFilters = useMemo<TaskListFilters>(
    () => ({
      ...(selected && { listId: selected.id }),
      status: filters.status,
      sort: filters.sort,
      order: filters.order,
      ...(filters.priority && { priority: filters.priority }),
      ...(filters.tag.trim() && { tag: filters.tag.trim() }),
      ...(query && { q: query }),
    }),
    [selected, filters, query],
  );
  const changes = useTaskChanges(api, report);
  const deletion = useDeleteWithUndo(changes.remove.mutate);
  const list = useTaskList(api, listFilters, deletion.hidden, selected !== undefined);
  const updating = useMutationState({
    filters: { mutationKey: taskMutationKeys.update, status: "pending" },
    select: (mutation) => (mutation.state.variables as { task: Task } | undefined)?.task.id,
  });

  const create = async (input: CreateTaskInput): Promise<boolean> => {
    setNotice("");
    return changes.create.mutateAsync({ ...input, listId: selected?.id }).then(
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
  const createList = async (name: string): Promise<boolean> => {
    setNotice("");
    const created = await listChanges.create.mutateAsync(name).catch(() => undefined);
    if (!created) return false;
    select(created);
    setFocusId(created.id);
    return true;
  };
  const sharing = useSharing(api, userId, lists.data, report, (inbox) => {
    select(inbox);
    setFocusId(inbox.id);
  });
  const deleteList = (doomed: List) => {
    setNotice("");
    listChanges.remove.mutate(doomed, {
      onSuccess: () => {
        const inbox = lists.data?.find((l) => l.isInbox);
        if (inbox && doomed.id === selected?.id) select(inbox);
        // Focus lands on the Inbox in the navigation, not on the body.
        if (inbox) setFocusId(inbox.id);
      },
    });
  };

  const tasks = list.data;
  const tagSuggestions = useMemo(() => tagsOf(tasks ?? []), [tasks]);
  const readOnly = selected?.role === "viewer";
  const keys = useTaskShortcuts(tasks?.map((task) => task.id).join(" ") ?? "");
  // A failed reload keeps what is on screen; only a first load that failed is an error here.
  const showLoadError = list.isError && tasks === undefined;
  const listsLoadError = lists.isError && lists.data === undefined;
  const signedOut = list.error instanceof SignedOutError || lists.error instanceof SignedOutError;
  const filtered =
    query !== "" || filters.status !== "all" || filters.priority !== "" || filters.tag !== "";
  const shown =
    tasks === undefined || list.isFetching || tasks.length === 0
      ? ""
      : `${tasks.length}${list.hasNextPage ? "+" : ""} shown`;
  const shortcutsButton = (
    <button type="button" className="ghost" aria-keyshortcuts="?" onClick={keys.openHelp}>
      Keyboard shortcuts
    </button>
  );
  return (
    <div className="tasks-layout" data-hydrated={hydrated || undefined}>
      <ListsDrawer
        selectedName={selected?.name}
        lists={lists.data}
        selectedId={selected?.id}
        focusId={focusId}
        onSelect={select}
        onCreate={createList}
      />
      <div className="tasks-main">
        {selected ? (
          <ListHeader
            key={selected.id}
            list={selected}
            total={lists.data?.filter((l) => l.role === "owner").length ?? 1}
            shown={shown}
            onRename={(l, name) => listChanges.change.mutate({ list: l, name })}
            onMove={(l, position) => listChanges.change.mutate({ list: l, position })}
            onDelete={deleteList}
            onShare={sharing.open}
            onLeave={sharing.leave}
          >
            {shortcutsButton}
          </ListHeader>
        ) : (
          <div className="tasks-header">
            <h1>Tasks</h1>
            {shortcutsButton}
          </div>
        )}
        {!readOnly && <NewTaskForm onCreate={create} />}
        <FilterBar
          filters={filters}
          tags={tagSuggestions}
          search={search}
          onSearch={setSearch}
          onChange={setFilters}
        />
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
          lists={lists.data?.filter((l) => l.role !== "viewer") ?? []}
          readOnly={readOnly}
          loadError={
            signedOut
              ? null
              : listsLoadError
                ? describeError(lists.error)
                : showLoadError
                  ? describeError(list.error)
                  : null
          }
          busy={list.isFetching && !list.isFetchingNextPage}
          filtered={filtered}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          isPending={(task) => isDraft(task) || updating.includes(task.id)}
          onRetry={() => void (listsLoadError ? lists.refetch() : list.refetch())}
          onLoadMore={() => void loadMore()}
          onUpdate={update}
          onDelete={deletion.remove}
          activeId={keys.activeId}
        />
      </div>
      {deletion.undoable && (
        <div className="toast" role="status">
          <span>Deleted “{deletion.undoable.title}”</span>
          <button type="button" data-shortcut="undo" onClick={deletion.undo}>
            Undo
          </button>
        </div>
      )}
      <ShortcutHelp open={keys.helpOpen} onClose={keys.closeHelp} />
      {sharing.list && (
        <ShareDialog
          api={api}
          list={sharing.list}
          dialog={sharing.dialog}
          open={sharing.isOpen}
          onClose={sharing.close}
        />
      )}
    </div>
  );
}

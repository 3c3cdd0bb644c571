"use client";

import { useMutationState } from "@tanstack/react-query";
import type { CreateTaskInput, TaskList as List, Task, UpdateTaskInput } from "@todo/contract";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { SignedOutError } from "@/lib/access-token";
import { useSharing } from "@/lib/sharing/use-sharing";
import { tagsOf } from "@/lib/tasks/known-tags";
import type { TaskListFilters } from "@/lib/tasks/task-keys";
import { isDraft } from "@/lib/tasks/task-order";
import { taskViewOf, VIEW_TITLES } from "@/lib/tasks/task-views";
import { useCompleteWithUndo } from "@/lib/tasks/use-complete-with-undo";
import { useDeleteWithUndo } from "@/lib/tasks/use-delete-with-undo";
import { useListChanges, useLists } from "@/lib/tasks/use-lists";
import { useLiveTasks } from "@/lib/tasks/use-live-tasks";
import { taskMutationKeys, useTaskChanges } from "@/lib/tasks/use-task-changes";
import { useTaskList } from "@/lib/tasks/use-task-list";
import { useTaskShortcuts } from "@/lib/tasks/use-task-shortcuts";
import { useUndo } from "@/lib/tasks/use-undo";
import { useApiClient, useSignOutAndReturn } from "@/lib/use-api-client";
import { useDebounced } from "@/lib/use-debounced";
import { useHydrated } from "@/lib/use-hydrated";
import { ShareDialog } from "../sharing/share-dialog";
import { DueView } from "./due-view";
import { FilterBar, type Filters, INITIAL_FILTERS } from "./filters";
import { ListHeader } from "./list-header";
import { listHref } from "./list-nav";
import { ListsDrawer } from "./lists-drawer";
import { describeError } from "./messages";
import { NewTaskForm } from "./new-task-form";
import { Notice } from "./notice";
import { ShortcutHelp } from "./shortcut-help";
import { Subtasks } from "./subtasks";
import { TaskList } from "./task-list";
import { UndoToast } from "./undo-toast";
import { ViewNav } from "./view-nav";

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
  // unknown id (deleted, or never the user's) shows the Inbox. ?view=today|upcoming shows a view.
  const params = useSearchParams();
  const requested = params.get("list");
  const view = taskViewOf(params.get("view"));
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
  const toast = useUndo();
  const deletion = useDeleteWithUndo(changes.remove.mutate, toast);
  const change = useCompleteWithUndo(changes.update.mutate, toast);
  const list = useTaskList(api, listFilters, deletion.hidden, selected !== undefined && !view);
  const updating = useMutationState({
    filters: { mutationKey: taskMutationKeys.update, status: "pending" },
    select: (mutation) => (mutation.state.variables as { task: Task } | undefined)?.task.id,
  });

  const create = async (input: CreateTaskInput): Promise<boolean> => {
    setNotice("");
    return changes.create.mutateAsync({ ...input, listId: input.listId ?? selected?.id }).then(
      () => true,
      () => false,
    );
  };
  const update = (task: Task, taskChanges: UpdateTaskInput) => {
    setNotice("");
    change(task, taskChanges);
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
  const writable = lists.data?.filter((l) => l.role !== "viewer") ?? [];
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
  const nav = (
    <ListsDrawer
      selectedName={view ? VIEW_TITLES[view] : selected?.name}
      lists={lists.data}
      selectedId={view ? undefined : selected?.id}
      focusId={focusId}
      onSelect={select}
      onCreate={createList}
      onMove={(l, position) => listChanges.change.mutate({ list: l, position })}
      views={<ViewNav api={api} current={view} />}
    />
  );
  if (view) return <DueView view={view} nav={nav} api={api} lists={lists.data} keys={keys} />;
  return (
    <div className="tasks-layout" data-hydrated={hydrated || undefined}>
      {nav}
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
        {!readOnly && <NewTaskForm onCreate={create} lists={writable} />}
        <FilterBar
          filters={filters}
          tags={tagSuggestions}
          search={search}
          onSearch={setSearch}
          onChange={setFilters}
        />
        <Notice message={notice} onDismiss={() => setNotice("")} />
        <TaskList
          tasks={signedOut ? undefined : tasks}
          lists={writable}
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
          sortable={filters.sort === "manual"}
          onMove={(task, to) => changes.move.mutate({ task, to })}
          details={(task, viewOnly) => (
            <Subtasks api={api} parent={task} changes={changes} readOnly={viewOnly} />
          )}
        />
      </div>
      <UndoToast toast={toast} />
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

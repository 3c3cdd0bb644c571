"use client";

import { useMutationState } from "@tanstack/react-query";
import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/contract";
import { type ReactNode, useCallback, useState } from "react";
import { SignedOutError } from "@/lib/access-token";
import type { ApiClient } from "@/lib/api-client";
import type { Lists } from "@/lib/tasks/list-cache";
import { isDraft } from "@/lib/tasks/task-order";
import { type TaskView, UPCOMING_DAYS, VIEW_TITLES } from "@/lib/tasks/task-views";
import { useCompleteWithUndo } from "@/lib/tasks/use-complete-with-undo";
import { useDeleteWithUndo } from "@/lib/tasks/use-delete-with-undo";
import { taskMutationKeys, useTaskChanges } from "@/lib/tasks/use-task-changes";
import { useTaskView, useToday } from "@/lib/tasks/use-task-views";
import { useUndo } from "@/lib/tasks/use-undo";
import { useHydrated } from "@/lib/use-hydrated";
import { DueGroups } from "./due-groups";
import { describeError } from "./messages";
import { NewTaskForm } from "./new-task-form";
import { Notice } from "./notice";
import { ShortcutHelp } from "./shortcut-help";
import { UndoToast } from "./undo-toast";

const ABOUT: Record<TaskView, string> = {
  today: "Open tasks due today or earlier, from every list you can see.",
  upcoming: `Open tasks due in the next ${UPCOMING_DAYS} days, from every list you can see.`,
};

interface Props {
  view: TaskView;
  /** The sidebar (views and lists), as the lists page shows it. */
  nav: ReactNode;
  api: ApiClient;
  lists: Lists | undefined;
  keys: { activeId: string | null; helpOpen: boolean; openHelp: () => void; closeHelp: () => void };
}

/**
 * Today or Upcoming (docs/web-app.md): the tasks of every list by due day. A task added here goes
 * to the Inbox unless it names a list; in Today it is due today unless it names a day.
 */
export function DueView({ view, nav, api, lists, keys }: Props) {
  const today = useToday();
  const hydrated = useHydrated();
  const [notice, setNotice] = useState("");
  const report = useCallback(
    (what: string, error: unknown) => setNotice(`${what}: ${describeError(error)}`),
    [],
  );
  const changes = useTaskChanges(api, report);
  const toast = useUndo();
  const deletion = useDeleteWithUndo(changes.remove.mutate, toast);
  const change = useCompleteWithUndo(changes.update.mutate, toast);
  const tasks = useTaskView(api, view, today, deletion.hidden);
  const updating = useMutationState({
    filters: { mutationKey: taskMutationKeys.update, status: "pending" },
    select: (mutation) => (mutation.state.variables as { task: Task } | undefined)?.task.id,
  });
  const inbox = lists?.find((list) => list.isInbox);
  const writable = lists?.filter((list) => list.role !== "viewer") ?? [];
  const create = (input: CreateTaskInput): Promise<boolean> => {
    setNotice("");
    return changes.create.mutateAsync({ ...input, listId: input.listId ?? inbox?.id }).then(
      () => true,
      () => false,
    );
  };
  const update = (task: Task, taskChanges: UpdateTaskInput) => {
    setNotice("");
    change(task, taskChanges);
  };
  const loadError =
    tasks.isError && tasks.data === undefined && !(tasks.error instanceof SignedOutError);

  return (
    <div className="tasks-layout" data-hydrated={hydrated || undefined}>
      {nav}
      <div className="tasks-main">
        <div className="tasks-header">
          <h1>{VIEW_TITLES[view]}</h1>
          <button type="button" className="ghost" aria-keyshortcuts="?" onClick={keys.openHelp}>
            Keyboard shortcuts
          </button>
        </div>
        <p className="hint">{ABOUT[view]}</p>
        <NewTaskForm
          onCreate={create}
          lists={writable}
          defaultDue={view === "today" ? today : undefined}
        />
        <Notice message={notice} onDismiss={() => setNotice("")} />
        {loadError ? (
          <div className="alert error" role="alert">
            <strong>Your tasks could not be loaded.</strong> {describeError(tasks.error)}
            <div className="actions">
              <button type="button" onClick={() => void tasks.refetch()}>
                Try again
              </button>
            </div>
          </div>
        ) : tasks.data === undefined || lists === undefined ? (
          <div aria-busy="true">
            <p className="sr-only">Loading tasks…</p>
            <div className="skeleton" />
          </div>
        ) : tasks.data.length === 0 ? (
          <div className="card empty">
            <strong>{view === "today" ? "Nothing due today" : "Nothing coming up"}</strong>
            {view === "today" ? "Enjoy the free time." : "No open task is due this week."}
          </div>
        ) : (
          <DueGroups
            tasks={tasks.data}
            lists={lists}
            today={today}
            activeId={keys.activeId}
            isPending={(task) => isDraft(task) || updating.includes(task.id)}
            onUpdate={update}
            onDelete={deletion.remove}
          />
        )}
        {tasks.hasNextPage && (
          <div className="load-more">
            <button
              type="button"
              className="secondary"
              disabled={tasks.isFetchingNextPage}
              onClick={() => void tasks.fetchNextPage()}
            >
              {tasks.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          </div>
        )}
      </div>
      <UndoToast toast={toast} />
      <ShortcutHelp open={keys.helpOpen} onClose={keys.closeHelp} />
    </div>
  );
}

"use client";

import type { TaskList as List, Task, UpdateTaskInput } from "@todo/contract";
import { type ReactNode, useState } from "react";
import { moveBy, moveTo, type TaskMove } from "@/lib/tasks/task-moves";
import { SortableArea } from "../sortable/sortable-area";
import { SortableItem } from "../sortable/sortable-item";
import { ReadOnlyTask } from "./read-only-task";
import { TaskItem } from "./task-item";

interface Props {
  tasks: Task[] | undefined;
  /** Where a task can be moved (its editor offers them). */
  lists: readonly List[];
  /** The list could not be loaded (and there is nothing to show instead). */
  loadError: string | null;
  busy: boolean;
  filtered: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  isPending: (task: Task) => boolean;
  onRetry: () => void;
  onLoadMore: () => void;
  onUpdate: (task: Task, changes: UpdateTaskInput) => void;
  onDelete: (task: Task) => void;
  /** The task in the tab order (roving tabindex); the first one when it is not in the list. */
  activeId: string | null;
  /** The user only views this list (a viewer): tasks without controls. */
  readOnly?: boolean;
  /** The list shows the user's own order: tasks move by drag and drop, or the keyboard. */
  sortable: boolean;
  onMove: (task: Task, to: TaskMove) => void;
  /** A task's open details below its form (its subtasks). */
  details: (task: Task, readOnly: boolean) => ReactNode;
}

/** The list's states: loading, could not load, empty, the tasks, and "load more". */
export function TaskList({
  tasks,
  lists,
  loadError,
  busy,
  filtered,
  hasMore,
  loadingMore,
  ...on
}: Props) {
  // What the last Move up or Move down did, for a screen reader (a drag speaks through dnd-kit).
  const [moved, setMoved] = useState("");
  if (loadError !== null) {
    return (
      <div className="alert error" role="alert">
        <strong>Your tasks could not be loaded.</strong> {loadError}
        <div className="actions">
          <button type="button" onClick={on.onRetry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (tasks === undefined) {
    return (
      <div aria-busy="true">
        <p className="sr-only">Loading tasks…</p>
        <div className="skeleton" style={{ marginBottom: ".5rem" }} />
        <div className="skeleton" style={{ marginBottom: ".5rem" }} />
        <div className="skeleton" />
      </div>
    );
  }
  if (tasks.length === 0) {
    return (
      <div className="card empty">
        <strong>{filtered ? "No tasks match" : "Nothing to do yet"}</strong>
        {filtered
          ? "Try another search or filter."
          : on.readOnly
            ? "This shared list has no tasks yet."
            : "Add your first task above."}
      </div>
    );
  }
  const activeId = tasks.some((t) => t.id === on.activeId) ? on.activeId : tasks[0]?.id;
  const item = (task: Task) => {
    if (on.readOnly) {
      return (
        <ReadOnlyTask
          key={task.id}
          task={task}
          active={task.id === activeId}
          details={(t) => on.details(t, true)}
        />
      );
    }
    const props = {
      task,
      lists,
      pending: on.isPending(task),
      active: task.id === activeId,
      onUpdate: on.onUpdate,
      onDelete: on.onDelete,
      details: (t: Task) => on.details(t, false),
    };
    if (!on.sortable) return <TaskItem key={task.id} {...props} />;
    const step = (by: -1 | 1) => {
      const to = moveBy(tasks, task.id, by);
      if (!to) return undefined;
      return () => {
        on.onMove(task, to);
        setMoved(`${to.announcement}.`);
      };
    };
    return (
      <SortableItem key={task.id} id={task.id} label={`Move "${task.title}"`}>
        {(binding) => (
          <TaskItem {...props} sortable={binding} moveUp={step(-1)} moveDown={step(1)} />
        )}
      </SortableItem>
    );
  };
  const list = (
    <ul className="task-list" aria-label="Tasks" aria-busy={busy}>
      {tasks.map(item)}
    </ul>
  );
  const heard = (
    <p className="sr-only" aria-live="polite">
      {on.sortable ? moved : ""}
    </p>
  );
  return (
    <>
      {heard}
      {on.sortable && !on.readOnly ? (
        <SortableArea
          id="task-order"
          ids={tasks.map((task) => task.id)}
          nameOf={(id) => tasks.find((task) => task.id === id)?.title ?? "the task"}
          onMove={(id, overId) => {
            const task = tasks.find((t) => t.id === id);
            const to = moveTo(tasks, id, overId);
            if (task && to) on.onMove(task, to);
          }}
        >
          {list}
        </SortableArea>
      ) : (
        list
      )}
      {hasMore && !busy && (
        <div className="load-more">
          <button
            type="button"
            className="secondary"
            onClick={on.onLoadMore}
            disabled={loadingMore}
          >
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}

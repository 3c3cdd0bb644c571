"use client";

import { type Task, TITLE_MAX_LENGTH } from "@todo/contract";
import { type SubmitEvent, useMemo, useState } from "react";
import type { ApiClient } from "@/lib/api-client";
import { isDraft } from "@/lib/tasks/task-order";
import type { TaskChanges } from "@/lib/tasks/use-task-changes";
import { useTaskList } from "@/lib/tasks/use-task-list";
import { SubtaskItem } from "./subtask-item";

const NONE: ReadonlySet<string> = new Set();

interface Props {
  api: ApiClient;
  parent: Task;
  changes: TaskChanges;
  /** A viewer of a shared list: the subtasks without controls. */
  readOnly: boolean;
}

/**
 * A task's subtasks, in its open details: listed in the order they were added, added, completed,
 * renamed and deleted in place. Every change goes through the task cache like any task's
 * (use-task-changes.ts), which moves the parent's "2 of 5" with it.
 */
export function Subtasks({ api, parent, changes, readOnly }: Props) {
  const filters = useMemo(
    () => ({
      listId: parent.listId,
      parentId: parent.id,
      status: "all" as const,
      sort: "manual" as const,
      order: "asc" as const,
    }),
    [parent.listId, parent.id],
  );
  const list = useTaskList(api, filters, NONE, !isDraft(parent));
  const [title, setTitle] = useState("");
  const subtasks = list.data;

  function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) return;
    setTitle("");
    changes.create.mutate(
      { title: trimmed, listId: parent.listId, parentId: parent.id },
      { onError: () => setTitle(trimmed) },
    );
  }

  const heading = `subtasks-${parent.id}`;
  return (
    <section className="subtasks" aria-labelledby={heading} data-own-keys="">
      <h2 id={heading}>
        Subtasks{" "}
        {parent.subtaskCount > 0 && (
          <span className="subtask-progress">
            {parent.subtasksCompleted} of {parent.subtaskCount} done
          </span>
        )}
      </h2>
      {subtasks === undefined ? (
        <p className="hint" aria-busy="true">
          {list.isError ? "The subtasks could not be loaded." : "Loading subtasks…"}
        </p>
      ) : subtasks.length === 0 ? (
        <p className="hint">{readOnly ? "No subtasks." : "No subtasks yet."}</p>
      ) : (
        <ul className="subtask-list" aria-label={`Subtasks of “${parent.title}”`}>
          {subtasks.map((subtask) => (
            <SubtaskItem
              key={subtask.id}
              task={subtask}
              readOnly={readOnly}
              pending={isDraft(subtask)}
              onUpdate={(task, patch) => changes.update.mutate({ task, changes: patch })}
              onDelete={(task) => changes.remove.mutate(task)}
            />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void list.fetchNextPage()}>
          More subtasks
        </button>
      )}
      {!readOnly && (
        <form
          className="new-subtask"
          onSubmit={add}
          aria-label={`Add a subtask to “${parent.title}”`}
        >
          <label htmlFor={`new-subtask-${parent.id}`} className="sr-only">
            New subtask
          </label>
          <input
            id={`new-subtask-${parent.id}`}
            type="text"
            placeholder="Add a subtask"
            value={title}
            maxLength={TITLE_MAX_LENGTH}
            onChange={(event) => setTitle(event.target.value)}
          />
          <button type="submit" className="secondary">
            Add
          </button>
        </form>
      )}
    </section>
  );
}

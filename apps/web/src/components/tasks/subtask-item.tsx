"use client";

import { type Task, TITLE_MAX_LENGTH, type UpdateTaskInput } from "@todo/contract";
import { type KeyboardEvent, useState } from "react";

interface Props {
  task: Task;
  readOnly: boolean;
  pending: boolean;
  onUpdate: (task: Task, changes: UpdateTaskInput) => void;
  onDelete: (task: Task) => void;
}

/** One subtask: its box, its title (press it to rename), and delete; for a viewer, the text. */
export function SubtaskItem({ task, readOnly, pending, onUpdate, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);

  function save(value: string) {
    setRenaming(false);
    const title = value.trim();
    if (title && title !== task.title) onUpdate(task, { title });
  }
  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") save(event.currentTarget.value);
    if (event.key === "Escape") setRenaming(false);
  }

  if (readOnly) {
    return (
      <li className={`subtask${task.completed ? " completed" : ""}`}>
        <span className="task-state" aria-hidden="true">
          {task.completed ? "✓" : "○"}
        </span>
        <span className="task-title">
          {task.title}
          <span className="sr-only">{task.completed ? ", done" : ", open"}</span>
        </span>
      </li>
    );
  }
  return (
    <li className={`subtask${task.completed ? " completed" : ""}`} aria-busy={pending}>
      <input
        type="checkbox"
        checked={task.completed}
        disabled={pending}
        onChange={() => onUpdate(task, { completed: !task.completed })}
        aria-label={`${task.completed ? "Reopen" : "Complete"} subtask "${task.title}"`}
      />
      {renaming ? (
        <input
          type="text"
          aria-label={`Rename subtask "${task.title}"`}
          defaultValue={task.title}
          maxLength={TITLE_MAX_LENGTH}
          // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this subtask
          autoFocus
          onKeyDown={onKey}
          onBlur={(event) => save(event.currentTarget.value)}
        />
      ) : (
        <button
          type="button"
          className="task-title"
          disabled={pending}
          onClick={() => setRenaming(true)}
          aria-label={`Rename subtask "${task.title}"`}
        >
          {task.title}
        </button>
      )}
      <button
        type="button"
        className="ghost"
        disabled={pending}
        onClick={() => onDelete(task)}
        aria-label={`Delete subtask "${task.title}"`}
      >
        Delete
      </button>
    </li>
  );
}

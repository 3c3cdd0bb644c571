"use client";

import {
  DESCRIPTION_MAX_LENGTH,
  type Priority,
  type Task,
  type TaskList,
  TITLE_MAX_LENGTH,
  type UpdateTaskInput,
} from "@todo/contract";
import { type KeyboardEvent, type SubmitEvent, useState } from "react";
import { PrioritySelect } from "./priority-select";
import { TaskMeta } from "./task-meta";
import { TaskSheet } from "./task-sheet";

interface Props {
  task: Task;
  lists: readonly TaskList[];
  pending: boolean;
  /** In the tab order; the keyboard moves between tasks (use-task-shortcuts.ts). */
  active: boolean;
  onUpdate: (task: Task, changes: UpdateTaskInput) => void;
  onDelete: (task: Task) => void;
}

export function TaskItem({ task, lists, pending, active, onUpdate, onDelete }: Props) {
  const [editingTitle, setEditingTitle] = useState(false);
  const [editing, setEditing] = useState(false);
  // The box shows the cache: a click changes the cache in the same tick (use-task-changes.ts).
  const completed = task.completed;

  function saveTitle(value: string) {
    setEditingTitle(false);
    const title = value.trim();
    if (title && title !== task.title) onUpdate(task, { title });
  }
  function onTitleKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") saveTitle(event.currentTarget.value);
    if (event.key === "Escape") setEditingTitle(false);
  }
  function saveDetails(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get("description") ?? "");
    const priority = String(form.get("priority")) as Priority;
    const dueDate = String(form.get("dueDate") ?? "") || null;
    const listId = String(form.get("listId") ?? task.listId);
    const changes: UpdateTaskInput = {};
    if (listId !== task.listId) changes.listId = listId;
    if (description !== task.description) changes.description = description;
    if (priority !== task.priority) changes.priority = priority;
    if (dueDate !== task.dueDate) changes.dueDate = dueDate;
    setEditing(false);
    if (Object.keys(changes).length > 0) onUpdate(task, changes);
  }

  return (
    <li
      className={`task${task.completed ? " completed" : ""}${pending ? " pending" : ""}`}
      aria-busy={pending}
      data-task-id={task.id}
      tabIndex={active ? 0 : -1}
    >
      <input
        type="checkbox"
        checked={completed}
        disabled={pending}
        data-shortcut="complete"
        onChange={() => onUpdate(task, { completed: !task.completed })}
        aria-label={`${completed ? "Reopen" : "Complete"} "${task.title}"`}
      />
      <div>
        {editingTitle ? (
          <>
            <label htmlFor={`title-${task.id}`} className="sr-only">
              Title
            </label>
            <input
              id={`title-${task.id}`}
              type="text"
              defaultValue={task.title}
              maxLength={TITLE_MAX_LENGTH}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this title
              autoFocus
              onKeyDown={onTitleKey}
              onBlur={(e) => saveTitle(e.currentTarget.value)}
            />
          </>
        ) : (
          <button
            type="button"
            className="task-title"
            disabled={pending}
            data-shortcut="edit"
            onClick={() => setEditingTitle(true)}
            title="Click to edit"
          >
            {task.title}
          </button>
        )}
        {task.description && !editing && <p className="task-desc">{task.description}</p>}
        <TaskMeta task={task} />
      </div>
      <div className="task-actions">
        <button
          type="button"
          className="ghost"
          disabled={pending}
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
          aria-label={`Edit details of "${task.title}"`}
        >
          Edit
        </button>
        <button
          type="button"
          className="ghost"
          disabled={pending}
          data-shortcut="delete"
          onClick={() => onDelete(task)}
          aria-label={`Delete "${task.title}"`}
        >
          Delete
        </button>
      </div>
      {editing && (
        <TaskSheet label={`Details of "${task.title}"`} onClose={() => setEditing(false)}>
          <form
            className="task-editor"
            onSubmit={saveDetails}
            aria-label={`Details of "${task.title}"`}
          >
            <div className="wide">
              <label htmlFor={`desc-${task.id}`}>Description</label>
              <textarea
                id={`desc-${task.id}`}
                name="description"
                defaultValue={task.description}
                maxLength={DESCRIPTION_MAX_LENGTH}
              />
            </div>
            <div>
              <label htmlFor={`prio-${task.id}`}>Priority</label>
              <PrioritySelect id={`prio-${task.id}`} name="priority" defaultValue={task.priority} />
            </div>
            <div>
              <label htmlFor={`due-${task.id}`}>Due date</label>
              <input
                id={`due-${task.id}`}
                name="dueDate"
                type="date"
                defaultValue={task.dueDate ?? ""}
              />
            </div>
            {lists.length > 1 && (
              <div>
                <label htmlFor={`list-${task.id}`}>List</label>
                <select id={`list-${task.id}`} name="listId" defaultValue={task.listId}>
                  {lists.map((list) => (
                    <option key={list.id} value={list.id}>
                      {list.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="buttons">
              <button type="submit">Save</button>
              <button type="button" className="secondary" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        </TaskSheet>
      )}
    </li>
  );
}

"use client";

import {
  DESCRIPTION_MAX_LENGTH,
  type Priority,
  type Task,
  type TaskList,
  TITLE_MAX_LENGTH,
  type UpdateTaskInput,
} from "@todo/contract";
import { type KeyboardEvent, type ReactNode, type SubmitEvent, useState } from "react";
import { dayOf } from "@/lib/quick-add/calendar";
import { firstDue } from "@/lib/tasks/recurrence-form";
import type { SortableBinding } from "../sortable/drag-handle";
import { DueTimeFields, timingChanges } from "./due-time-fields";
import { MoveButtons } from "./move-buttons";
import { PrioritySelect } from "./priority-select";
import { RecurrenceFields } from "./recurrence-fields";
import { TagsField } from "./tags-field";
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
  /** The task's list, named where tasks of several lists are shown together. */
  listName?: string | undefined;
  /** Its place in the user's own order, when the list shows that order (a drag handle). */
  sortable?: SortableBinding;
  /** What the open details show below the form: the task's subtasks. */
  details?: (task: Task) => ReactNode;
  /** One place up or down in the user's own order; absent at either end, or in another sort. */
  moveUp?: () => void;
  moveDown?: () => void;
}

export function TaskItem({ task, lists, pending, active, sortable, details, ...on }: Props) {
  const { onUpdate, onDelete, listName } = on;
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
    const recurrence = String(form.get("recurrence") ?? "") || null;
    // A rule needs a due day: without one, its first day from today.
    const dueDate =
      String(form.get("dueDate") ?? "") || (recurrence && firstDue(recurrence, dayOf(new Date())));
    const tags = [...form.getAll("tags"), form.get("tagDraft") ?? ""].map(String).filter(Boolean);
    const listId = String(form.get("listId") ?? task.listId);
    const changes: UpdateTaskInput = {};
    if (listId !== task.listId) changes.listId = listId;
    if (description !== task.description) changes.description = description;
    if (priority !== task.priority) changes.priority = priority;
    if (dueDate !== task.dueDate) changes.dueDate = dueDate;
    if (recurrence !== task.recurrence) changes.recurrence = recurrence;
    if (tags.join("\n") !== task.tags.join("\n")) changes.tags = tags;
    Object.assign(changes, timingChanges(task, form, dueDate));
    setEditing(false);
    if (Object.keys(changes).length > 0) onUpdate(task, changes);
  }

  return (
    <li
      className={`task${task.completed ? " completed" : ""}${pending ? " pending" : ""}${sortable ? " sortable" : ""}${sortable?.dragging ? " dragging" : ""}`}
      aria-busy={pending}
      data-task-id={task.id}
      tabIndex={active ? 0 : -1}
      ref={sortable?.ref}
      style={sortable?.style}
    >
      {sortable?.handle}
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
        <TaskMeta task={task} listName={listName} />
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
            <TagsField id={`tags-${task.id}`} initial={task.tags} />
            <RecurrenceFields
              id={`repeat-${task.id}`}
              rule={task.recurrence}
              due={task.dueDate ?? dayOf(new Date())}
            />
            <DueTimeFields task={task} />
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
              {sortable && (
                <MoveButtons position={task.position} moveUp={on.moveUp} moveDown={on.moveDown} />
              )}
            </div>
          </form>
          {details?.(task)}
        </TaskSheet>
      )}
    </li>
  );
}

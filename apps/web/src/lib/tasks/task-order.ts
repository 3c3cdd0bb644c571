import {
  type CreateTaskInput,
  PRIORITIES,
  type SortOrder,
  type Task,
  type TaskSort,
  type UpdateTaskInput,
} from "@todo/tasks";
import type { TaskListFilters } from "./task-keys";

/** Whether the API would return this task for these filters (GET /api/tasks). */
export function matchesFilters(task: Task, filters: TaskListFilters): boolean {
  if (filters.listId !== undefined && task.listId !== filters.listId) return false;
  if (filters.status === "completed" && !task.completed) return false;
  if (filters.status === "pending" && task.completed) return false;
  if (filters.priority && task.priority !== filters.priority) return false;
  const q = filters.q?.trim().toLowerCase();
  if (q && !`${task.title}\n${task.description}`.toLowerCase().includes(q)) return false;
  return true;
}

function sortValue(task: Task, sort: TaskSort): string | number | null {
  switch (sort) {
    case "created":
      return task.createdAt;
    case "updated":
      return task.updatedAt;
    case "due":
      return task.dueDate;
    case "priority":
      return PRIORITIES.indexOf(task.priority);
    case "title":
      return task.title.toLowerCase();
  }
}

/**
 * The API's order: the sort column, then the id, both in the chosen direction; tasks without a
 * due date come last in both directions.
 */
export function compareTasks(a: Task, b: Task, sort: TaskSort, order: SortOrder): number {
  const x = sortValue(a, sort);
  const y = sortValue(b, sort);
  if (x === null && y !== null) return 1;
  if (y === null && x !== null) return -1;
  const direction = order === "desc" ? -1 : 1;
  if (x !== y && x !== null && y !== null) return (x < y ? -1 : 1) * direction;
  if (a.id === b.id) return 0;
  return (a.id < b.id ? -1 : 1) * direction;
}

/**
 * The task as the API will most likely return it, shown while the request is under way. The page
 * always names the list (the selected one), so the draft lands where the task will.
 */
export function draftTask(input: CreateTaskInput, now = new Date()): Task {
  const at = now.toISOString();
  return {
    id: `pending-${crypto.randomUUID()}`,
    listId: input.listId ?? "",
    title: input.title.trim(),
    description: input.description ?? "",
    completed: input.completed ?? false,
    completedAt: input.completed ? at : null,
    priority: input.priority ?? "medium",
    dueDate: input.dueDate ?? null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Whether a task is a draft that the API has not confirmed yet. */
export const isDraft = (task: Task): boolean => task.id.startsWith("pending-");

/** The task with the changes applied, as PATCH /api/tasks/:id will most likely return it. */
export function updatedTask(task: Task, changes: UpdateTaskInput, now = new Date()): Task {
  const at = now.toISOString();
  const completed = changes.completed ?? task.completed;
  return {
    ...task,
    listId: changes.listId ?? task.listId,
    title: changes.title?.trim() ?? task.title,
    description: changes.description ?? task.description,
    priority: changes.priority ?? task.priority,
    dueDate: changes.dueDate === undefined ? task.dueDate : changes.dueDate,
    completed,
    completedAt: completed === task.completed ? task.completedAt : completed ? at : null,
    updatedAt: at,
  };
}

import type { Task } from "@todo/contract";

/**
 * A task as the API returns it, for the browser's unit tests: an open, medium-priority task of one
 * list with nothing else set, numbered by `serial` (its id, title and creation second), with
 * `fields` over it.
 */
export function aTask(serial: number, fields: Partial<Task> = {}): Task {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, serial)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
    listId: "00000000-0000-4000-8000-00000000000a",
    title: `Task ${serial}`,
    description: "",
    completed: false,
    completedAt: null,
    priority: "medium",
    dueDate: null,
    dueTime: null,
    timeZone: null,
    reminderMinutes: null,
    tags: [],
    parentId: null,
    recurrence: null,
    subtaskCount: 0,
    subtasksCompleted: 0,
    position: "a0",
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

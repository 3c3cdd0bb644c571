import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/contract";

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
    dueTime: input.dueTime ?? null,
    timeZone: input.timeZone ?? null,
    reminderMinutes: input.reminderMinutes ?? null,
    tags: input.tags ?? [],
    parentId: input.parentId ?? null,
    recurrence: input.recurrence ?? null,
    subtaskCount: 0,
    subtasksCompleted: 0,
    // The API gives it its place (the end of the list's manual order); a draft has none yet.
    position: "",
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
    dueTime: changes.dueTime === undefined ? task.dueTime : changes.dueTime,
    timeZone: changes.timeZone === undefined ? task.timeZone : changes.timeZone,
    reminderMinutes:
      changes.reminderMinutes === undefined ? task.reminderMinutes : changes.reminderMinutes,
    tags: changes.tags ?? task.tags,
    parentId: changes.parentId === undefined ? task.parentId : changes.parentId,
    recurrence: changes.recurrence === undefined ? task.recurrence : changes.recurrence,
    completed,
    completedAt: completed === task.completed ? task.completedAt : completed ? at : null,
    updatedAt: at,
  };
}

import type { TaskTable } from "@todo/db";
import { PRIORITIES, type Priority, type Task } from "@todo/tasks";

export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority) + 1;
}

export function priorityFromRank(rank: number): Priority {
  const priority = PRIORITIES[rank - 1];
  if (!priority) throw new Error(`Priority rank ${rank} out of range`);
  return priority;
}

/** SQLite hands back the ISO text we stored; PostgreSQL a Date. */
export function toIso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

export function titleKey(title: string): string {
  return title.toLowerCase();
}

export function searchText(title: string, description: string): string {
  return `${title}\n${description}`.toLowerCase();
}

export type TaskRow = Omit<TaskTable, "search_text" | "user_id">;

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: Boolean(row.completed),
    completedAt: row.completed_at === null ? null : toIso(row.completed_at),
    priority: priorityFromRank(row.priority),
    dueDate: row.due_date,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

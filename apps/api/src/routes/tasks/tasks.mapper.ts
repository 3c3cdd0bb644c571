import type { TaskTable } from "@todo/db";
import { columnsOf, rowMapper, type Task, taskFields } from "@todo/tasks";

export { priorityRank, toIso } from "@todo/tasks";

export function titleKey(title: string): string {
  return title.toLowerCase();
}

export function searchText(title: string, description: string): string {
  return `${title}\n${description}`.toLowerCase();
}

/** What the API reads of a task: the columns of its fields, and the title sort key for cursors. */
export const TASK_COLUMNS = [...columnsOf(taskFields), "title_key"] as const;

export type TaskRow = Omit<TaskTable, "search_text" | "user_id" | "created_by">;

export const toTask: (row: TaskRow) => Task = rowMapper(taskFields);

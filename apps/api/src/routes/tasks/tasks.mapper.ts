import { columnsOf, rowMapper, type Task, taskFields } from "@todo/contract";
import type { TaskTable } from "@todo/db";

export { priorityRank, toIso } from "@todo/contract";

// The sort and search keys are the shared rules' (@todo/contract/order), so the browser's cache
// orders and filters exactly as these columns do.
export { searchText, titleKey } from "@todo/contract/order";

/** What the API reads of a task: the columns of its fields, and the title sort key for cursors. */
export const TASK_COLUMNS = [...columnsOf(taskFields), "title_key"] as const;

export type TaskRow = Omit<TaskTable, "search_text" | "user_id" | "created_by" | "tag_keys">;

export const toTask: (row: TaskRow) => Task = rowMapper(taskFields);

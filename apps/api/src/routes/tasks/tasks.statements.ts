import type { Database } from "@todo/db";
import { compileOnce } from "../compiled-query.js";
import type { TaskRow } from "./tasks.mapper.js";

/**
 * A create's own statements, compiled once (compiled-query.ts): it is the API's busiest write.
 * The count is per list owner (`user_id`), whose limit an editor's tasks count against.
 */
export function createTaskStatements(db: Database["db"]) {
  const countTasks = compileOnce<{ userId: string }, { total: number | string }>((m) =>
    db
      .selectFrom("task")
      .select((eb) => eb.fn.countAll<number | string>().as("total"))
      .where("user_id", "=", m("userId")),
  );
  type NewTask = Omit<TaskRow, "completed"> & {
    completed: number | boolean;
    user_id: string;
    search_text: string;
    created_by: string;
    tag_keys: string;
  };
  const insertTask = compileOnce<NewTask, never>((m) =>
    db.insertInto("task").values({
      id: m("id"),
      list_id: m("list_id"),
      title: m("title"),
      description: m("description"),
      title_key: m("title_key"),
      completed: m("completed"),
      completed_at: m("completed_at"),
      priority: m("priority"),
      due_date: m("due_date"),
      due_time: m("due_time"),
      time_zone: m("time_zone"),
      reminder_minutes: m("reminder_minutes"),
      tags: m("tags"),
      tag_keys: m("tag_keys"),
      parent_id: m("parent_id"),
      subtask_count: m("subtask_count"),
      subtasks_completed: m("subtasks_completed"),
      recurrence: m("recurrence"),
      position: m("position"),
      created_at: m("created_at"),
      updated_at: m("updated_at"),
      user_id: m("user_id"),
      search_text: m("search_text"),
      created_by: m("created_by"),
    }),
  );
  return { countTasks, insertTask };
}

import { randomUUID } from "node:crypto";
import type { Export, ImportInput, Task } from "@todo/contract";
import { positionsAfter } from "@todo/contract/position";
import type { Database } from "@todo/db";
import { createListLookup } from "../lists/list-lookup.js";
import { createTaskFamily } from "../tasks/tasks.family.js";
import {
  priorityRank,
  TASK_COLUMNS,
  type TaskRow,
  titleKey,
  toTask,
} from "../tasks/tasks.mapper.js";
import { createTaskStatements } from "../tasks/tasks.statements.js";
import { withUserLock } from "../user-lock.js";

export interface ImportLimits {
  readonly maxLists: number;
  readonly maxTasks: number;
}

export interface Imported {
  /** The ids of the lists made. */
  readonly lists: string[];
  readonly tasks: Task[];
}

/**
 * Export and import of what a user owns (docs/decisions/0025-tags-subtasks-recurrence.md). An
 * export reads only the caller's own lists and the tasks in them (`user_id` is the list's owner,
 * ADR 24), never a list shared with them. An import runs in one transaction under the user's lock
 * (user-lock.ts): every list and task is written, or, on any refusal or failure, none.
 */
export function createTransferQueries(database: Database) {
  const { db, kind } = database;
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);
  const statements = createTaskStatements(db);
  const family = createTaskFamily(database, statements);
  const lookup = createListLookup(db);

  return {
    async exportFor(userId: string): Promise<Export> {
      const lists = await db
        .selectFrom("list")
        .select(["id", "name", "position", "is_inbox"])
        .where("user_id", "=", userId)
        .orderBy("position")
        .execute();
      // In the lists' order, each list's tasks in its manual order: the file reads as the app.
      const tasks = await db
        .selectFrom("task")
        .innerJoin("list", "list.id", "task.list_id")
        .select(TASK_COLUMNS.map((column) => `task.${column}` as const))
        .where("task.user_id", "=", userId)
        .orderBy("list.position")
        .orderBy("task.position")
        .orderBy("task.id")
        .execute();
      return {
        lists: lists.map((l) => ({
          id: l.id,
          name: l.name,
          position: Number(l.position),
          isInbox: Boolean(l.is_inbox),
        })),
        tasks: tasks.map(toTask),
      };
    },

    /** Writes the file into new ids; "lists" or "tasks" when a per-user limit would be passed. */
    async importFor(
      userId: string,
      input: ImportInput,
      now: Date,
      limits: ImportLimits,
    ): Promise<Imported | "lists" | "tasks" | "user-gone"> {
      const timestamp = now.toISOString();
      return withUserLock(database, userId, async (trx) => {
        const inbox = await lookup.inboxId(trx, userId);
        if (!inbox) return "user-gone";
        const counts = await trx
          .selectFrom("list")
          .select((eb) => [
            eb.fn.countAll<number | string>().as("total"),
            eb.fn.max("position").as("last"),
          ])
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow();
        const newLists = input.lists.filter((list) => !list.isInbox);
        if (Number(counts.total) + newLists.length > limits.maxLists) return "lists";
        const [tasksCounted] = (await trx.executeQuery(statements.countTasks({ userId }))).rows;
        if (Number(tasksCounted?.total ?? 0) + input.tasks.length > limits.maxTasks) return "tasks";

        const listIds = new Map<string, string>();
        let position = counts.last === null ? 0 : Number(counts.last) + 1;
        for (const list of input.lists) {
          if (list.isInbox) {
            listIds.set(list.id, inbox);
            continue;
          }
          const id = randomUUID();
          listIds.set(list.id, id);
          await trx
            .insertInto("list")
            .values({
              id,
              user_id: userId,
              name: list.name,
              position: position++,
              is_inbox: bool(false),
              created_at: timestamp,
              updated_at: timestamp,
            })
            .execute();
        }

        // Parents first (a subtask's foreign key needs its parent), each list's tasks after the
        // list's last, in the file's order.
        const ordered = [
          ...input.tasks.filter((t) => t.parentId === null),
          ...input.tasks.filter((t) => t.parentId !== null),
        ];
        const taskIds = new Map(ordered.map((task) => [task.id, randomUUID()]));
        const keys = new Map<string, string[]>();
        for (const [fileListId, listId] of listIds) {
          const count = ordered.filter((t) => t.listId === fileListId).length;
          keys.set(fileListId, positionsAfter(await family.endOfKey(trx, listId), count));
        }
        const tasks: Task[] = [];
        for (const task of ordered) {
          // importErrors (@todo/contract) checked every reference before this ran.
          const listId = listIds.get(task.listId);
          const position = keys.get(task.listId)?.shift();
          if (!listId || !position) throw new Error("import reference not checked");
          const row: TaskRow = {
            id: taskIds.get(task.id) ?? randomUUID(),
            list_id: listId,
            title: task.title,
            description: task.description,
            title_key: titleKey(task.title),
            completed: task.completed,
            completed_at: task.completed ? (task.completedAt ?? timestamp) : null,
            priority: priorityRank(task.priority),
            due_date: task.dueDate,
            due_time: task.dueTime,
            time_zone: task.timeZone,
            reminder_minutes: task.reminderMinutes,
            tags: JSON.stringify(task.tags),
            parent_id: task.parentId === null ? null : (taskIds.get(task.parentId) ?? null),
            subtask_count: 0,
            subtasks_completed: 0,
            recurrence: task.recurrence,
            position,
            created_at: task.createdAt ?? timestamp,
            updated_at: timestamp,
          };
          await family.insert(trx, row, userId, userId);
          tasks.push(toTask(row));
        }
        const parents = new Set(tasks.map((t) => t.parentId).filter((id) => id !== null));
        for (const parentId of parents) await family.refreshCounts(trx, parentId);
        return { lists: newLists.map((l) => listIds.get(l.id) ?? ""), tasks };
      });
    },
  };
}

export type TransferQueries = ReturnType<typeof createTransferQueries>;

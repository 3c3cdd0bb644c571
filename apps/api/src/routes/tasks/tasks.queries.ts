import { randomUUID } from "node:crypto";
import type { Database } from "@todo/db";
import type { CreateTaskSchema, Task, UpdateTaskSchema } from "@todo/tasks";
import type { z } from "zod";
import { compileOnce } from "../compiled-query.js";
import { createListLookup } from "../lists/list-lookup.js";
import { withUserLock } from "../user-lock.js";
import { createListQuery } from "./tasks.list-query.js";
import {
  priorityRank,
  searchText,
  TASK_COLUMNS,
  type TaskRow,
  titleKey,
  toIso,
  toTask,
} from "./tasks.mapper.js";

type CreateTask = z.output<typeof CreateTaskSchema>;
type UpdateTask = z.output<typeof UpdateTaskSchema>;

const COLUMNS = TASK_COLUMNS;

/** Why a write did not happen: the task limit, a listId that is not the user's, a deleted user. */
export type TaskRefusal = "limit" | "list-not-found" | "user-gone";

/**
 * Every query is scoped by user_id: a task of someone else is, to the caller, a task that does
 * not exist (OWASP API1:2023, broken object level authorization).
 */
export function createTaskQueries(database: Database) {
  const { db, kind } = database;
  // better-sqlite3 cannot bind booleans; SQLite stores them as 0/1.
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);
  const list = createListQuery(database);
  const lookup = createListLookup(db);
  // A create's own queries, compiled once (compiled-query.ts): it is the API's busiest write.
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
      created_at: m("created_at"),
      updated_at: m("updated_at"),
      user_id: m("user_id"),
      search_text: m("search_text"),
    }),
  );

  return {
    list,

    async find(userId: string, id: string): Promise<Task | undefined> {
      const row = await db
        .selectFrom("task")
        .select(COLUMNS)
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row && toTask(row);
    },

    /** Who owns a task, for the audit log only: never used to shape a response. */
    async ownerOf(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom("task")
        .select("user_id")
        .where("id", "=", id)
        .executeTakeFirst();
      return row?.user_id;
    },

    /**
     * Inserts a task into `input.listId` or the Inbox, unless the user already has `maxTasks`.
     * The count, the list lookup and the insert run in one transaction under the per-user lock
     * (user-lock.ts), so parallel creates cannot overshoot the limit.
     */
    async create(
      userId: string,
      input: CreateTask,
      now: Date,
      maxTasks: number,
    ): Promise<Task | TaskRefusal> {
      const timestamp = now.toISOString();
      const description = input.description ?? "";
      const completed = input.completed ?? false;
      return withUserLock(database, userId, async (executor) => {
        const [counted] = (await executor.executeQuery(countTasks({ userId }))).rows;
        if (counted === undefined) throw new Error("count(*) returned no row");
        if (Number(counted.total) >= maxTasks) return "limit";
        const listId = input.listId
          ? await lookup.ownedListId(executor, userId, input.listId, kind === "postgres")
          : await lookup.inboxId(executor, userId);
        if (!listId) return input.listId ? "list-not-found" : "user-gone";
        const row: TaskRow = {
          id: randomUUID(),
          list_id: listId,
          title: input.title,
          description,
          title_key: titleKey(input.title),
          completed,
          completed_at: completed ? timestamp : null,
          priority: priorityRank(input.priority ?? "medium"),
          due_date: input.dueDate ?? null,
          created_at: timestamp,
          updated_at: timestamp,
        };
        await executor.executeQuery(
          insertTask({
            ...row,
            completed: bool(completed),
            user_id: userId,
            search_text: searchText(input.title, description),
          }),
        );
        return toTask(row);
      });
    },

    /**
     * Read and write in one transaction, the row locked on PostgreSQL: concurrent PATCHes
     * serialise. A move (`listId`) checks the list is the user's and holds it until commit.
     */
    async update(
      userId: string,
      id: string,
      changes: UpdateTask,
      now: Date,
    ): Promise<Task | "list-not-found" | undefined> {
      return db.transaction().execute(async (trx) => {
        let select = trx
          .selectFrom("task")
          .select(COLUMNS)
          .where("id", "=", id)
          .where("user_id", "=", userId);
        if (kind === "postgres") select = select.forUpdate();
        const current = await select.executeTakeFirst();
        if (!current) return undefined;
        const listId = changes.listId
          ? await lookup.ownedListId(trx, userId, changes.listId, kind === "postgres")
          : current.list_id;
        if (!listId) return "list-not-found";
        const title = changes.title ?? current.title;
        const description = changes.description ?? current.description;
        const wasCompleted = Boolean(current.completed);
        const completed = changes.completed ?? wasCompleted;
        const timestamp = now.toISOString();
        const next: TaskRow = {
          ...current,
          list_id: listId,
          title,
          description,
          title_key: titleKey(title),
          completed,
          // Completing stamps the time once; reopening clears it; no change keeps it.
          completed_at:
            completed === wasCompleted ? current.completed_at : completed ? timestamp : null,
          priority: changes.priority ? priorityRank(changes.priority) : current.priority,
          due_date: changes.dueDate !== undefined ? changes.dueDate : current.due_date,
          created_at: toIso(current.created_at),
          updated_at: timestamp,
        };
        await trx
          .updateTable("task")
          .set({
            list_id: listId,
            title: next.title,
            description: next.description,
            title_key: next.title_key,
            search_text: searchText(title, description),
            completed: bool(completed),
            completed_at: next.completed_at === null ? null : toIso(next.completed_at),
            priority: next.priority,
            due_date: next.due_date,
            updated_at: timestamp,
          })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .execute();
        return toTask(next);
      });
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom("task")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type TaskQueries = ReturnType<typeof createTaskQueries>;

import { randomUUID } from "node:crypto";
import type { CreateTaskSchema, Task, UpdateTaskSchema } from "@todo/contract";
import { canEdit } from "@todo/contract";
import type { Database } from "@todo/db";
import type { z } from "zod";
import { createListLookup } from "../lists/list-lookup.js";
import { editableBy, visibleTo } from "../lists/list-scope.js";
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
import { createTaskStatements } from "./tasks.statements.js";

type CreateTask = z.output<typeof CreateTaskSchema>;
type UpdateTask = z.output<typeof UpdateTaskSchema>;

const COLUMNS = TASK_COLUMNS;

/**
 * Why a write did not happen: the task limit, a listId the user cannot see, a list or task the
 * user's role may not change, a deleted user.
 */
export type TaskRefusal = "limit" | "list-not-found" | "forbidden" | "user-gone";

/** A written task and the lists whose members hear of it (a move: where it was, too). */
export interface TaskWrite {
  readonly task: Task;
  readonly previousListId: string;
}

/**
 * Every query is scoped to the lists the caller owns or is a member of, in the SQL itself
 * (list-scope.ts): a task anywhere else is, to the caller, a task that does not exist (OWASP
 * API1:2023, broken object level authorization). A task's `user_id` is its list's owner; who wrote
 * it is `created_by`.
 */
export function createTaskQueries(database: Database) {
  const { db, kind } = database;
  // better-sqlite3 cannot bind booleans; SQLite stores them as 0/1.
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);
  const list = createListQuery(database);
  const lookup = createListLookup(db);
  const { countTasks, insertTask } = createTaskStatements(db);

  /** A task the user may see, with its owner and the user's role on its list. */
  function withAccess(executor: typeof db, userId: string, id: string) {
    return executor
      .selectFrom("task")
      .innerJoin("list", "list.id", "task.list_id")
      .leftJoin("list_member", (join) =>
        join
          .onRef("list_member.list_id", "=", "task.list_id")
          .on("list_member.user_id", "=", userId),
      )
      .select(COLUMNS.map((column) => `task.${column}` as const))
      .select(["task.user_id", "list_member.role"])
      .where("task.id", "=", id)
      .where(visibleTo(userId));
  }

  return {
    list,

    async find(userId: string, id: string): Promise<Task | undefined> {
      const row = await db
        .selectFrom("task")
        .select(COLUMNS)
        .where("id", "=", id)
        .where(visibleTo(userId))
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
     * Inserts a task into `input.listId` or the Inbox, unless the list's owner already has
     * `maxTasks` (an editor's tasks count against the owner, whose list holds them). The count,
     * the list lookup and the insert run in one transaction under the owner's lock
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
      // Whose lock to take; checked again under it.
      let ownerId = userId;
      if (input.listId) {
        const access = await lookup.access(db, userId, input.listId);
        if (!access) return "list-not-found";
        ownerId = access.ownerId;
      }
      return withUserLock(database, ownerId, async (executor): Promise<Task | TaskRefusal> => {
        let listId: string | undefined;
        if (input.listId) {
          const access = await lookup.access(executor, userId, input.listId, kind === "postgres");
          if (!access || access.ownerId !== ownerId) return "list-not-found";
          if (!canEdit(access.role)) return "forbidden";
          listId = access.listId;
        } else {
          listId = await lookup.inboxId(executor, userId);
          if (!listId) return "user-gone";
        }
        const [counted] = (await executor.executeQuery(countTasks({ userId: ownerId }))).rows;
        if (counted === undefined) throw new Error("count(*) returned no row");
        if (Number(counted.total) >= maxTasks) return "limit";
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
            user_id: ownerId,
            search_text: searchText(input.title, description),
            created_by: userId,
          }),
        );
        return toTask(row);
      });
    },

    /**
     * Read and write in one transaction, the row locked on PostgreSQL: concurrent PATCHes
     * serialise. The user needs edit rights on the task's list and, for a move (`listId`), on
     * the list it goes to, which is held until commit; a task moved into another owner's list
     * counts against that owner's limit.
     */
    async update(
      userId: string,
      id: string,
      changes: UpdateTask,
      now: Date,
      maxTasks: number,
    ): Promise<TaskWrite | TaskRefusal | undefined> {
      return db.transaction().execute(async (trx) => {
        let select = withAccess(trx, userId, id);
        if (kind === "postgres") select = select.forUpdate("task");
        const current = await select.executeTakeFirst();
        if (!current) return undefined;
        const role = current.user_id === userId ? "owner" : (current.role ?? "viewer");
        if (!canEdit(role)) return "forbidden";
        let listId = current.list_id;
        let ownerId = current.user_id;
        if (changes.listId && changes.listId !== current.list_id) {
          const target = await lookup.access(trx, userId, changes.listId, kind === "postgres");
          if (!target) return "list-not-found";
          if (!canEdit(target.role)) return "forbidden";
          listId = target.listId;
          if (target.ownerId !== ownerId) {
            ownerId = target.ownerId;
            const [counted] = (await trx.executeQuery(countTasks({ userId: ownerId }))).rows;
            if (Number(counted?.total ?? 0) >= maxTasks) return "limit";
          }
        }
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
        const result = await trx
          .updateTable("task")
          .set({
            list_id: listId,
            user_id: ownerId,
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
          .where(editableBy(userId))
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return undefined;
        return { task: toTask(next), previousListId: current.list_id };
      });
    },

    /** Deletes a task the user may edit; says why not otherwise. The list it was in, if deleted. */
    async remove(
      userId: string,
      id: string,
    ): Promise<{ listId: string } | "forbidden" | undefined> {
      const deleted = await db
        .deleteFrom("task")
        .where("id", "=", id)
        .where(editableBy(userId))
        .returning("list_id")
        .executeTakeFirst();
      if (deleted) return { listId: deleted.list_id };
      const seen = await withAccess(db, userId, id).executeTakeFirst();
      return seen ? "forbidden" : undefined;
    },
  };
}

export type TaskQueries = ReturnType<typeof createTaskQueries>;

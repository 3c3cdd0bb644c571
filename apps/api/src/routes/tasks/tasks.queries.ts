import { randomUUID } from "node:crypto";
import type { CreateTaskSchema, Task } from "@todo/contract";
import { canEdit } from "@todo/contract";
import type { Database } from "@todo/db";
import type { z } from "zod";
import { createListLookup } from "../lists/list-lookup.js";
import { editableBy, visibleTo } from "../lists/list-scope.js";
import { withUserLock } from "../user-lock.js";
import { createTaskFamily } from "./tasks.family.js";
import { createListQuery } from "./tasks.list-query.js";
import { priorityRank, TASK_COLUMNS, type TaskRow, titleKey, toTask } from "./tasks.mapper.js";
import { createTaskStatements } from "./tasks.statements.js";
import { createTaskUpdate } from "./tasks.update.js";

type CreateTask = z.output<typeof CreateTaskSchema>;

/**
 * Why a write did not happen: the task limit, a listId or parentId the user cannot see, a list or
 * task the user's role may not change, a deleted user, a subtask rule, a recurrence without a
 * due date, or a `before`/`after` task that is missing, the task itself or in another list.
 */
export type TaskRefusal =
  | "limit"
  | "list-not-found"
  | "parent-not-found"
  | "forbidden"
  | "user-gone"
  | "subtask-too-deep"
  | "subtask-other-list"
  | "recurrence-needs-due"
  | "due-time-incomplete"
  | "anchor-not-found"
  | "anchor-is-self"
  | "anchor-other-list";

/** A written task and what else the write changed, for the live events. */
export interface TaskWrite {
  readonly task: Task;
  /** The list it was in before the write (a move: where it was). */
  readonly previousListId: string;
  /** Parents whose subtask counts changed. */
  readonly parents: readonly Task[];
  /** The next occurrence a completed recurring task brought. */
  readonly next?: Task;
}

/**
 * Every query is scoped to the lists the caller owns or is a member of, in the SQL itself
 * (list-scope.ts): a task anywhere else is, to the caller, a task that does not exist (OWASP
 * API1:2023, broken object level authorization). A task's `user_id` is its list's owner; who wrote
 * it is `created_by`.
 */
export function createTaskQueries(database: Database) {
  const { db, kind } = database;
  const list = createListQuery(database);
  const lookup = createListLookup(db);
  const statements = createTaskStatements(db);
  const { countTasks } = statements;
  const family = createTaskFamily(database, statements);

  return {
    list,

    async find(userId: string, id: string): Promise<Task | undefined> {
      const row = await db
        .selectFrom("task")
        .select(TASK_COLUMNS)
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
     * Inserts a task into `input.listId`, its parent's list, or the Inbox, unless the list's owner
     * already has `maxTasks` (an editor's tasks count against the owner, whose list holds them).
     * The count, the lookups and the insert run in one transaction under the owner's lock
     * (user-lock.ts), so parallel creates cannot overshoot the limit.
     */
    async create(
      userId: string,
      input: CreateTask,
      now: Date,
      maxTasks: number,
    ): Promise<TaskWrite | TaskRefusal> {
      const timestamp = now.toISOString();
      const description = input.description ?? "";
      const completed = input.completed ?? false;
      const parentId = input.parentId ?? null;
      // Whose lock to take; checked again under it.
      let ownerId = userId;
      if (parentId) {
        const parent = await family.access(db, userId, parentId);
        if (!parent) return "parent-not-found";
        ownerId = parent.user_id;
      } else if (input.listId) {
        const access = await lookup.access(db, userId, input.listId);
        if (!access) return "list-not-found";
        ownerId = access.ownerId;
      }
      return withUserLock(database, ownerId, async (executor): Promise<TaskWrite | TaskRefusal> => {
        let listId: string | undefined;
        if (parentId) {
          const parent = await family.access(executor, userId, parentId, true);
          if (!parent || parent.user_id !== ownerId) return "parent-not-found";
          if (parent.parent_id !== null) return "subtask-too-deep";
          if (input.listId && input.listId !== parent.list_id) return "subtask-other-list";
          const role = parent.user_id === userId ? "owner" : (parent.role ?? "viewer");
          if (!canEdit(role)) return "forbidden";
          listId = parent.list_id;
        } else if (input.listId) {
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
          due_time: input.dueTime ?? null,
          time_zone: input.timeZone ?? null,
          reminder_minutes: input.reminderMinutes ?? null,
          tags: JSON.stringify(input.tags ?? []),
          parent_id: parentId,
          subtask_count: 0,
          subtasks_completed: 0,
          recurrence: input.recurrence ?? null,
          // At the end of the list's manual order, computed under the owner's lock.
          position: await family.endOf(executor, listId),
          created_at: timestamp,
          updated_at: timestamp,
        };
        await family.insert(executor, row, ownerId, userId);
        const parent = parentId ? await family.refreshCounts(executor, parentId) : undefined;
        return { task: toTask(row), previousListId: listId, parents: parent ? [parent] : [] };
      });
    },

    update: createTaskUpdate(database, family, countTasks),

    /**
     * Deletes a task the user may edit, its subtasks with it (the foreign key cascades); says why
     * not otherwise. What went (the subtasks' ids too) and the parent whose counts changed.
     */
    async remove(userId: string, id: string) {
      return db.transaction().execute(async (trx) => {
        const subtaskIds = await family.subtaskIds(trx, id);
        const deleted = await trx
          .deleteFrom("task")
          .where("id", "=", id)
          .where(editableBy(userId))
          .returning(["list_id", "parent_id"])
          .executeTakeFirst();
        if (!deleted) {
          const seen = await family.access(trx, userId, id);
          return seen ? ("forbidden" as const) : undefined;
        }
        const parent = deleted.parent_id
          ? await family.refreshCounts(trx, deleted.parent_id)
          : undefined;
        return { listId: deleted.list_id, subtaskIds, parent };
      });
    },
  };
}

export type TaskQueries = ReturnType<typeof createTaskQueries>;

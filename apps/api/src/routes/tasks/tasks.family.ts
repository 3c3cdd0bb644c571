import type { Task } from "@todo/contract";
import { tagKeys } from "@todo/contract";
import { positionBetween } from "@todo/contract/position";
import type { Database } from "@todo/db";
import { type Kysely, sql } from "kysely";
import { visibleTo } from "../lists/list-scope.js";
import { searchText, TASK_COLUMNS, type TaskRow, toTask } from "./tasks.mapper.js";
import type { createTaskStatements } from "./tasks.statements.js";

type Executor = Database["db"] extends Kysely<infer S> ? Kysely<S> : never;

/**
 * What tasks.queries.ts shares between its writes: a task with the caller's role on its list, one
 * insert, and the subtask rules (docs/decisions/0025-tags-subtasks-recurrence.md): a subtask's
 * parent is a top-level task of the same list; its counts are recomputed from the subtasks
 * themselves in the writing transaction, so they cannot drift.
 */
export function createTaskFamily(
  database: Database,
  { insertTask }: ReturnType<typeof createTaskStatements>,
) {
  const { kind } = database;
  // better-sqlite3 cannot bind booleans; SQLite stores them as 0/1.
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);

  /** A task the user may see, with its owner and the user's role on its list. */
  function withAccess(executor: Executor, userId: string, id: string) {
    return executor
      .selectFrom("task")
      .innerJoin("list", "list.id", "task.list_id")
      .leftJoin("list_member", (join) =>
        join
          .onRef("list_member.list_id", "=", "task.list_id")
          .on("list_member.user_id", "=", userId),
      )
      .select(TASK_COLUMNS.map((column) => `task.${column}` as const))
      .select(["task.user_id", "list_member.role"])
      .where("task.id", "=", id)
      .where(visibleTo(userId));
  }

  /** The key of the last task of a list, or null when it has none. */
  async function endOfKey(executor: Executor, listId: string): Promise<string | null> {
    const row = await executor
      .selectFrom("task")
      .select((eb) => eb.fn.max("position").as("last"))
      .where("list_id", "=", listId)
      .executeTakeFirst();
    return row?.last || null;
  }

  return {
    /** A task the caller may see, with its owner and the caller's role; locked when `lock`. */
    async access(executor: Executor, userId: string, id: string, lock = false) {
      let select = withAccess(executor, userId, id);
      if (lock && kind === "postgres") select = select.forUpdate("task");
      return select.executeTakeFirst();
    },

    async insert(executor: Executor, row: TaskRow, ownerId: string, createdBy: string) {
      const tags: string[] = JSON.parse(row.tags);
      await executor.executeQuery(
        insertTask({
          ...row,
          completed: bool(Boolean(row.completed)),
          user_id: ownerId,
          search_text: searchText(row.title, row.description),
          tag_keys: tagKeys(tags),
          created_by: createdBy,
        }),
      );
    },

    /** Recounts a parent's subtasks and returns the parent as it now is. */
    async refreshCounts(executor: Executor, parentId: string): Promise<Task | undefined> {
      const done = bool(true);
      await sql`update task set
          subtask_count = (select count(*) from task s where s.parent_id = ${parentId}),
          subtasks_completed = (select count(*) from task s
            where s.parent_id = ${parentId} and s.completed = ${done})
        where id = ${parentId}`.execute(executor);
      const row = await executor
        .selectFrom("task")
        .select(TASK_COLUMNS)
        .where("id", "=", parentId)
        .executeTakeFirst();
      return row && toTask(row);
    },

    /** A parent moved to another list takes its subtasks along (a subtask shares its list). */
    async moveSubtasks(executor: Executor, parentId: string, listId: string, ownerId: string) {
      await executor
        .updateTable("task")
        .set({ list_id: listId, user_id: ownerId })
        .where("parent_id", "=", parentId)
        .execute();
    },

    endOfKey,

    /** The key after the last task of a list: where a new or moved-in task goes. */
    async endOf(executor: Executor, listId: string): Promise<string> {
      return positionBetween(await endOfKey(executor, listId), null);
    },

    /**
     * The key just after (or before) `anchor` in its list: between it and its nearest neighbour.
     * Strict comparisons step over a task holding the same key, so a key always exists.
     */
    async beside(
      executor: Executor,
      anchor: { list_id: string; position: string; id: string },
      side: "before" | "after",
      movingId: string,
    ): Promise<string> {
      const after = side === "after";
      const row = await executor
        .selectFrom("task")
        .select((eb) => (after ? eb.fn.min("position") : eb.fn.max("position")).as("next"))
        .where("list_id", "=", anchor.list_id)
        .where("position", after ? ">" : "<", anchor.position)
        .where("id", "<>", movingId)
        .executeTakeFirst();
      const neighbour = row?.next || null;
      return after
        ? positionBetween(anchor.position, neighbour)
        : positionBetween(neighbour, anchor.position);
    },

    async subtaskIds(executor: Executor, parentId: string): Promise<string[]> {
      const rows = await executor
        .selectFrom("task")
        .select("id")
        .where("parent_id", "=", parentId)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

export type TaskFamily = ReturnType<typeof createTaskFamily>;

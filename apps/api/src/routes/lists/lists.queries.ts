import { randomUUID } from "node:crypto";
import type { Database } from "@todo/db";
import type {
  CreateListSchema,
  ListPage,
  ListsQuery,
  TaskList,
  UpdateListSchema,
} from "@todo/tasks";
import type { z } from "zod";
import { withUserLock } from "../user-lock.js";
import { createListLookup } from "./list-lookup.js";
import {
  decodeListCursor,
  encodeListCursor,
  LIST_COLUMNS,
  type ListRow,
  toList,
} from "./lists.mapper.js";
import { closeRanks, moveList } from "./lists.order.js";

type CreateList = z.output<typeof CreateListSchema>;
type UpdateList = z.output<typeof UpdateListSchema>;
type Executor = Database["db"];

/** What deleting a list came to. */
export type RemoveOutcome = "deleted" | "not-found" | "inbox";

/**
 * Every query is scoped by user_id: another user's list is, to the caller, a list that does not
 * exist (OWASP API1:2023). Writes that count or renumber run under the per-user lock.
 */
export function createListQueries(database: Database) {
  const { db, kind } = database;
  const lookup = createListLookup(db);
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);

  /** The user's lists with their task counts (all, and open only); callers narrow and order. */
  const select = (executor: Executor, userId: string) =>
    executor
      .selectFrom("list")
      .select(LIST_COLUMNS)
      .select((eb) => [
        eb
          .selectFrom("task")
          .select((e) => e.fn.countAll<number | string>().as("n"))
          .whereRef("task.list_id", "=", "list.id")
          .where("task.user_id", "=", userId)
          .where("task.completed", "=", bool(false))
          .as("open_task_count"),
        eb
          .selectFrom("task")
          .select((e) => e.fn.countAll<number | string>().as("n"))
          .whereRef("task.list_id", "=", "list.id")
          .where("task.user_id", "=", userId)
          .as("task_count"),
      ])
      .where("list.user_id", "=", userId);

  async function findWith(executor: Executor, userId: string, id: string) {
    const row = await select(executor, userId).where("list.id", "=", id).executeTakeFirst();
    return row && toList(row as ListRow);
  }

  return {
    async page(userId: string, query: ListsQuery): Promise<ListPage> {
      const after = query.cursor ? decodeListCursor(query.cursor) : undefined;
      let rows = select(db, userId);
      if (after) {
        rows = rows.where((eb) =>
          eb.or([
            eb("list.position", ">", after.position),
            eb.and([eb("list.position", "=", after.position), eb("list.id", ">", after.id)]),
          ]),
        );
      }
      const found = (await rows
        .orderBy("list.position")
        .orderBy("list.id")
        .limit(query.limit + 1)
        .execute()) as ListRow[];
      const items = found.slice(0, query.limit).map(toList);
      const last = items.at(-1);
      const nextCursor =
        found.length > query.limit && last
          ? encodeListCursor({ position: last.position, id: last.id })
          : null;
      return { items, nextCursor };
    },

    find: (userId: string, id: string) => findWith(db, userId, id),

    async owns(userId: string, id: string): Promise<boolean> {
      return (await lookup.ownedListId(db, userId, id)) !== undefined;
    },

    /** Who owns a list, for the audit log only: never used to shape a response. */
    async ownerOf(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom("list")
        .select("user_id")
        .where("id", "=", id)
        .executeTakeFirst();
      return row?.user_id;
    },

    /** A new list, last in order, unless the user already has `maxLists`; undefined when they have. */
    create(userId: string, input: CreateList, now: Date, maxLists: number) {
      return withUserLock(database, userId, async (executor): Promise<TaskList | undefined> => {
        const { total, last } = await executor
          .selectFrom("list")
          .select((eb) => [
            eb.fn.countAll<number | string>().as("total"),
            eb.fn.max("position").as("last"),
          ])
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow();
        if (Number(total) >= maxLists) return undefined;
        const timestamp = now.toISOString();
        const id = randomUUID();
        await executor
          .insertInto("list")
          .values({
            id,
            user_id: userId,
            name: input.name,
            position: last === null ? 0 : Number(last) + 1,
            is_inbox: bool(false),
            created_at: timestamp,
            updated_at: timestamp,
          })
          .execute();
        return findWith(executor, userId, id);
      });
    },

    /** Renames and/or moves a list to `position`; the others shift. Undefined if not the user's. */
    update(userId: string, id: string, changes: UpdateList, now: Date) {
      return withUserLock(database, userId, async (executor): Promise<TaskList | undefined> => {
        const current = await findWith(executor, userId, id);
        if (!current) return undefined;
        const timestamp = now.toISOString();
        await executor
          .updateTable("list")
          .set({ ...(changes.name !== undefined && { name: changes.name }), updated_at: timestamp })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .execute();
        if (changes.position !== undefined) {
          await moveList(executor, userId, id, changes.position, timestamp);
        }
        return findWith(executor, userId, id);
      });
    },

    /** Deletes a list and, by cascade, its tasks; the Inbox is refused; the rest close ranks. */
    remove(userId: string, id: string, now: Date) {
      return withUserLock(database, userId, async (executor): Promise<RemoveOutcome> => {
        const current = await executor
          .selectFrom("list")
          .select("is_inbox")
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .executeTakeFirst();
        if (!current) return "not-found";
        if (current.is_inbox) return "inbox";
        await executor
          .deleteFrom("list")
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .execute();
        await closeRanks(executor, userId, now.toISOString());
        return "deleted";
      });
    },
  };
}

export type ListQueries = ReturnType<typeof createListQueries>;

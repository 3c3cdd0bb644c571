import { randomUUID } from "node:crypto";
import type {
  CreateListSchema,
  ListPage,
  ListRole,
  ListsQuery,
  TaskList,
  UpdateListSchema,
} from "@todo/contract";
import type { Database } from "@todo/db";
import { sql } from "kysely";
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

/** 0 for a list the user owns, 1 for one shared with them: the first key of the lists' order. */
const groupOf = (userId: string) =>
  sql<number>`case when list.user_id = ${userId} then 0 else 1 end`;

/** What deleting a list came to. */
export type RemoveOutcome = "deleted" | "not-found" | "inbox" | "forbidden";

/**
 * Every query is scoped to the lists the caller owns or is a member of, in the SQL itself: any
 * other list is, to the caller, a list that does not exist (OWASP API1:2023). Only the owner may
 * rename, reorder or delete a list. Writes that count or renumber run under the per-user lock.
 */
export function createListQueries(database: Database) {
  const { db, kind } = database;
  const lookup = createListLookup(db);
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);

  /** The lists the user may see with their role and counts; callers narrow and order. */
  const select = (executor: Executor, userId: string) =>
    executor
      .selectFrom("list")
      .leftJoin("list_member", (join) =>
        join.onRef("list_member.list_id", "=", "list.id").on("list_member.user_id", "=", userId),
      )
      .select(LIST_COLUMNS.map((column) => `list.${column}` as const))
      .select((eb) => [
        sql<ListRole>`case when list.user_id = ${userId} then 'owner' else list_member.role end`.as(
          "role",
        ),
        groupOf(userId).as("list_group"),
        eb
          .selectFrom("task")
          .select((e) => e.fn.countAll<number | string>().as("n"))
          .whereRef("task.list_id", "=", "list.id")
          .where("task.completed", "=", bool(false))
          // What the list shows: its top-level tasks (subtasks are shown inside their parent).
          .where("task.parent_id", "is", null)
          .as("open_task_count"),
        eb
          .selectFrom("task")
          .select((e) => e.fn.countAll<number | string>().as("n"))
          .whereRef("task.list_id", "=", "list.id")
          .as("task_count"),
        eb
          .selectFrom("list_member as m")
          .select((e) => e.fn.countAll<number | string>().as("n"))
          .whereRef("m.list_id", "=", "list.id")
          .as("member_count"),
      ])
      .where((eb) =>
        eb.or([eb("list.user_id", "=", userId), eb("list_member.user_id", "is not", null)]),
      );

  async function findWith(executor: Executor, userId: string, id: string) {
    const row = await select(executor, userId).where("list.id", "=", id).executeTakeFirst();
    return row && toList(row as ListRow);
  }

  return {
    /** The user's own lists in their order, then the lists shared with them. */
    async page(userId: string, query: ListsQuery): Promise<ListPage> {
      const after = query.cursor ? decodeListCursor(query.cursor) : undefined;
      let rows = select(db, userId);
      if (after) {
        const group = groupOf(userId);
        rows = rows.where((eb) =>
          eb.or([
            eb(group, ">", after.group),
            eb.and([eb(group, "=", after.group), eb("list.position", ">", after.position)]),
            eb.and([
              eb(group, "=", after.group),
              eb("list.position", "=", after.position),
              eb("list.id", ">", after.id),
            ]),
          ]),
        );
      }
      const found = (await rows
        .orderBy(groupOf(userId))
        .orderBy("list.position")
        .orderBy("list.id")
        .limit(query.limit + 1)
        .execute()) as Array<ListRow & { list_group: number | string }>;
      const items = found.slice(0, query.limit).map(toList);
      const last = found[query.limit - 1];
      const nextCursor =
        found.length > query.limit && last
          ? encodeListCursor({
              group: Number(last.list_group) === 0 ? 0 : 1,
              position: last.position,
              id: last.id,
            })
          : null;
      return { items, nextCursor };
    },

    find: (userId: string, id: string) => findWith(db, userId, id),

    /** The user's access to a list (owner, editor, viewer), or undefined when it has none. */
    access: (userId: string, id: string) => lookup.access(db, userId, id),

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

    /**
     * Renames and/or moves a list to `position`; the others shift. Undefined if the user cannot
     * see it, "forbidden" for a member (only the owner renames or reorders).
     */
    update(userId: string, id: string, changes: UpdateList, now: Date) {
      return withUserLock(
        database,
        userId,
        async (executor): Promise<TaskList | "forbidden" | undefined> => {
          const current = await findWith(executor, userId, id);
          if (!current) return undefined;
          if (current.role !== "owner") return "forbidden";
          const timestamp = now.toISOString();
          await executor
            .updateTable("list")
            .set({
              ...(changes.name !== undefined && { name: changes.name }),
              updated_at: timestamp,
            })
            .where("id", "=", id)
            .where("user_id", "=", userId)
            .execute();
          if (changes.position !== undefined) {
            await moveList(executor, userId, id, changes.position, timestamp);
          }
          return findWith(executor, userId, id);
        },
      );
    },

    /** Deletes a list and, by cascade, its tasks; the Inbox is refused; the rest close ranks. */
    remove(userId: string, id: string, now: Date) {
      return withUserLock(database, userId, async (executor): Promise<RemoveOutcome> => {
        const current = await lookup.access(executor, userId, id);
        if (!current) return "not-found";
        if (current.role !== "owner") return "forbidden";
        if (current.isInbox) return "inbox";
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

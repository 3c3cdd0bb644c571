import type { Database } from "@todo/db";
import { sql } from "kysely";

type Executor = Database["db"];

/**
 * Lookups a task write makes inside its own transaction. Both are scoped by the user: a list of
 * someone else is, here too, a list that does not exist. The composite foreign key
 * task(list_id, user_id) → list(id, user_id) refuses the same thing again in the database.
 */

/**
 * The user's list `listId`, or undefined. With `lock` (PostgreSQL, inside a transaction) the row
 * stays locked against deletion until commit, so the task written next cannot lose its list.
 */
export async function ownedListId(
  executor: Executor,
  userId: string,
  listId: string,
  lock = false,
): Promise<string | undefined> {
  let query = executor
    .selectFrom("list")
    .select("id")
    .where("id", "=", listId)
    .where("user_id", "=", userId);
  if (lock) query = query.forShare();
  return (await query.executeTakeFirst())?.id;
}

/**
 * The user's Inbox. Every account has one from the moment it exists (a trigger inserts it with the
 * user row, migration 0005), so none means the user has been deleted since the token was issued.
 */
export async function inboxId(executor: Executor, userId: string): Promise<string | undefined> {
  const row = await executor
    .selectFrom("list")
    .select("id")
    .where("user_id", "=", userId)
    // The predicate of the partial unique index (list_one_inbox_idx), on both databases.
    .where(sql<boolean>`is_inbox`)
    .executeTakeFirst();
  return row?.id;
}

import type { Database } from "@todo/db";
import { sql } from "kysely";
import { compileOnce, type Slot } from "../compiled-query.js";

type Executor = Database["db"];

/**
 * Lookups a task write makes inside its own transaction. Both are scoped by the user: a list of
 * someone else is, here too, a list that does not exist. The composite foreign key
 * task(list_id, user_id) → list(id, user_id) refuses the same thing again in the database.
 */

/**
 * The lookups, compiled once (compiled-query.ts) for `db`'s dialect; each runs on whatever
 * executor it is given (the database, a transaction, a held connection).
 */
export function createListLookup(db: Executor) {
  type Found = { id: string };
  type Owned = { userId: string; listId: string };
  const ownedQuery = (m: Slot<Owned>) =>
    db
      .selectFrom("list")
      .select("id")
      .where("id", "=", m("listId"))
      .where("user_id", "=", m("userId"));
  const owned = compileOnce<Owned, Found>(ownedQuery);
  // Only ever run on PostgreSQL: SQLite has no row locks (its writes hold the database's lock).
  const ownedForShare = compileOnce<Owned, Found>((m) => ownedQuery(m).forShare());
  const inbox = compileOnce<{ userId: string }, Found>((m) =>
    db
      .selectFrom("list")
      .select("id")
      .where("user_id", "=", m("userId"))
      // The predicate of the partial unique index (list_one_inbox_idx), on both databases.
      .where(sql<boolean>`is_inbox`),
  );

  return {
    /**
     * The user's list `listId`, or undefined. With `lock` (PostgreSQL, inside a transaction) the
     * row stays locked against deletion until commit, so the task written next cannot lose its
     * list.
     */
    async ownedListId(
      executor: Executor,
      userId: string,
      listId: string,
      lock = false,
    ): Promise<string | undefined> {
      const query = lock ? ownedForShare : owned;
      return (await executor.executeQuery(query({ userId, listId }))).rows[0]?.id;
    },

    /**
     * The user's Inbox. Every account has one from the moment it exists (a trigger inserts it
     * with the user row, migration 0005), so none means the user has been deleted since the token
     * was issued.
     */
    async inboxId(executor: Executor, userId: string): Promise<string | undefined> {
      return (await executor.executeQuery(inbox({ userId }))).rows[0]?.id;
    },
  };
}

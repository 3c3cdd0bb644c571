import type { ListRole } from "@todo/contract";
import type { Database } from "@todo/db";
import { sql } from "kysely";
import { compileOnce, type Slot } from "../compiled-query.js";

type Executor = Database["db"];

/** What the caller may do with one list, and whose it is. */
export interface ListAccess {
  readonly listId: string;
  readonly ownerId: string;
  readonly role: ListRole;
  readonly isInbox: boolean;
}

interface AccessRow {
  id: string;
  owner_id: string;
  role: ListRole;
  is_inbox: boolean | number;
}

/**
 * Lookups a write makes inside its own transaction, compiled once (compiled-query.ts) for `db`'s
 * dialect; each runs on whatever executor it is given (the database, a transaction, a held
 * connection). A list the caller neither owns nor is a member of is, here too, a list that does
 * not exist (docs/decisions/0024-list-sharing-and-invite-codes.md). The composite foreign key
 * task(list_id, user_id) → list(id, user_id) keeps every task with its list's owner.
 */
export function createListLookup(db: Executor) {
  type Found = { id: string };
  type Named = { userId: string; listId: string };
  const accessQuery = (m: Slot<Named>) =>
    db
      .selectFrom("list")
      .leftJoin("list_member", (join) =>
        join
          .onRef("list_member.list_id", "=", "list.id")
          .on("list_member.user_id", "=", m("userId")),
      )
      .select([
        "list.id",
        "list.user_id as owner_id",
        "list.is_inbox",
        sql<ListRole>`case when list.user_id = ${m("userId")} then 'owner' else list_member.role end`.as(
          "role",
        ),
      ])
      .where("list.id", "=", m("listId"))
      .where((eb) =>
        eb.or([eb("list.user_id", "=", m("userId")), eb("list_member.user_id", "is not", null)]),
      );
  const access = compileOnce<Named, AccessRow>(accessQuery);
  // Only ever run on PostgreSQL: SQLite has no row locks (its writes hold the database's lock).
  // The list row is held against deletion until commit, so the task written next keeps its list.
  const accessForShare = compileOnce<Named, AccessRow>((m) => accessQuery(m).forShare("list"));
  const inbox = compileOnce<{ userId: string }, Found>((m) =>
    db
      .selectFrom("list")
      .select("id")
      .where("user_id", "=", m("userId"))
      // The predicate of the partial unique index (list_one_inbox_idx), on both databases.
      .where(sql<boolean>`is_inbox`),
  );

  return {
    /** The caller's access to `listId`, or undefined when it has none (or the list is gone). */
    async access(
      executor: Executor,
      userId: string,
      listId: string,
      lock = false,
    ): Promise<ListAccess | undefined> {
      const query = lock ? accessForShare : access;
      const row = (await executor.executeQuery(query({ userId, listId }))).rows[0];
      return (
        row && {
          listId: row.id,
          ownerId: row.owner_id,
          role: row.role,
          isInbox: Boolean(row.is_inbox),
        }
      );
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

import type { ListRole, Member, MemberRole } from "@todo/contract";
import type { Database } from "@todo/db";
import { sql } from "kysely";
import { createListLookup } from "../lists/list-lookup.js";

/** Why a members action did not happen. */
export type MemberRefusal = "not-found" | "forbidden" | "member-not-found";

/**
 * A list's members (docs/decisions/0024-list-sharing-and-invite-codes.md). Anyone who sees the
 * list sees who else does; only the owner changes roles or removes others; a member may remove
 * itself (leaving). Removing is deleting the row: the next query of that user leaves the list out.
 */
export function createMemberQueries(database: Database) {
  const { db } = database;
  const lookup = createListLookup(db);

  return {
    async list(userId: string, listId: string): Promise<Member[] | "not-found"> {
      if (!(await lookup.access(db, userId, listId))) return "not-found";
      const rows = await db
        .selectFrom("list")
        .innerJoin("user", "user.id", "list.user_id")
        .select([
          "user.id as user_id",
          "user.name",
          sql<ListRole>`'owner'`.as("role"),
          sql<number>`0`.as("rank"),
          "list.created_at",
        ])
        .where("list.id", "=", listId)
        .unionAll(
          db
            .selectFrom("list_member")
            .innerJoin("user", "user.id", "list_member.user_id")
            .select([
              "user.id as user_id",
              "user.name",
              "list_member.role",
              sql<number>`1`.as("rank"),
              "list_member.created_at",
            ])
            .where("list_member.list_id", "=", listId),
        )
        .orderBy("rank")
        .orderBy("created_at")
        .orderBy("user_id")
        .execute();
      return rows.map((row) => ({ userId: row.user_id, name: row.name, role: row.role }));
    },

    /** The owner gives a member another role. */
    async setRole(userId: string, listId: string, memberId: string, role: MemberRole) {
      const access = await lookup.access(db, userId, listId);
      if (!access) return "not-found" as const;
      if (access.role !== "owner") return "forbidden" as const;
      const result = await db
        .updateTable("list_member")
        .set({ role })
        .where("list_id", "=", listId)
        .where("user_id", "=", memberId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? ("changed" as const) : ("member-not-found" as const);
    },

    /** The owner removes a member, or a member removes itself ("left"). */
    async remove(
      userId: string,
      listId: string,
      memberId: string,
    ): Promise<"removed" | "left" | MemberRefusal> {
      const access = await lookup.access(db, userId, listId);
      if (!access) return "not-found";
      const leaving = access.role !== "owner";
      if (leaving && memberId !== userId) return "forbidden";
      const result = await db
        .deleteFrom("list_member")
        .where("list_id", "=", listId)
        .where("user_id", "=", memberId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) return "member-not-found";
      return leaving ? "left" : "removed";
    },
  };
}

export type MemberQueries = ReturnType<typeof createMemberQueries>;

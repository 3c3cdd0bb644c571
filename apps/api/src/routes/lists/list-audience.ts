import type { ChangeEvent, ListRole, TaskList } from "@todo/contract";
import type { Database } from "@todo/db";
import { sql } from "kysely";
import type { Changes } from "../../infra/changes/changes.js";
import { HttpProblem } from "../../infra/problem.js";

/** Someone who sees a list, and as what. */
export interface Recipient {
  readonly userId: string;
  readonly role: ListRole;
}

/**
 * Who hears of a change to a list: its owner and its members as the database has them once the
 * change has committed. A member removed before that is not among them, so a removed member's
 * streams receive nothing more of the list (docs/decisions/0024-list-sharing-and-invite-codes.md).
 */
export function createListAudience(database: Database) {
  const { db } = database;

  async function of(listId: string): Promise<Recipient[]> {
    const rows = await db
      .selectFrom("list")
      .select(["user_id", sql<ListRole>`'owner'`.as("role")])
      .where("id", "=", listId)
      .unionAll(
        db.selectFrom("list_member").select(["user_id", "role"]).where("list_id", "=", listId),
      )
      .execute();
    return rows.map((row) => ({ userId: row.user_id, role: row.role }));
  }

  return {
    of,

    /** The same event to everyone who sees the list. */
    async publish(changes: Changes, listId: string, event: ChangeEvent): Promise<void> {
      await Promise.all((await of(listId)).map((r) => changes.publish(r.userId, event)));
    },

    /** A list's new state to everyone who sees it, each with their own role. */
    async publishList(
      changes: Changes,
      type: "list.created" | "list.updated",
      list: TaskList,
      only?: ReadonlySet<string>,
    ): Promise<void> {
      const recipients = (await of(list.id)).filter((r) => !only || only.has(r.userId));
      await Promise.all(
        recipients.map((r) => changes.publish(r.userId, { type, data: { ...list, role: r.role } })),
      );
    },
  };
}

export type ListAudience = ReturnType<typeof createListAudience>;

/** A member whose role does not allow the action; owner-only actions answer it to every member. */
export function forbiddenForRole(): HttpProblem {
  return new HttpProblem("FORBIDDEN_FOR_ROLE");
}

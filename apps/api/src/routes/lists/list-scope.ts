import type { Database } from "@todo/db";
import type { ExpressionBuilder, Kysely } from "kysely";

type DB = Database["db"] extends Kysely<infer S> ? S : never;

/*
 * The sharing rule in SQL, for every task query (docs/decisions/0024-list-sharing-and-invite-codes.md):
 * a task is the caller's to see when its list is theirs (task.user_id is always the list's owner,
 * by the composite foreign key) or they are a member of that list; to change when they own it or
 * are an editor. Access taken away is a row deleted: the next query already leaves the list out.
 */

/** Tasks in lists the user is a member of (not the owner). */
export function sharedWith(userId: string) {
  return (eb: ExpressionBuilder<DB, "task">) =>
    eb(
      "task.list_id",
      "in",
      eb
        .selectFrom("list_member")
        .select("list_member.list_id")
        .where("list_member.user_id", "=", userId),
    );
}

/** Tasks in lists the user owns or is a member of. */
export function visibleTo(userId: string) {
  return (eb: ExpressionBuilder<DB, "task">) =>
    eb.or([eb("task.user_id", "=", userId), sharedWith(userId)(eb)]);
}

/** Tasks in lists the user owns or edits. */
export function editableBy(userId: string) {
  return (eb: ExpressionBuilder<DB, "task">) =>
    eb.or([
      eb("task.user_id", "=", userId),
      eb(
        "task.list_id",
        "in",
        eb
          .selectFrom("list_member")
          .select("list_member.list_id")
          .where("list_member.user_id", "=", userId)
          .where("list_member.role", "=", "editor"),
      ),
    ]);
}

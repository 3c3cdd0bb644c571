import type { Changes } from "../../infra/changes/changes.js";
import type { ListAudience } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";

/** Who joined or left a list, for the events that follow a change of its members. */
export interface MembershipChange {
  readonly listId: string;
  /** Sees the list for the first time: `list.created`. */
  readonly joined?: string;
  /** Removed or left: `list.deleted`, the last event of the list on that user's streams. */
  readonly gone?: string;
}

/**
 * After a membership change has committed: the list appears to whoever joined, disappears for
 * whoever left or was removed (docs/decisions/0024-list-sharing-and-invite-codes.md), and everyone
 * who still sees it gets its new state (member count, a changed role) with their own role.
 */
export async function publishMembership(
  changes: Changes,
  audience: ListAudience,
  lists: Pick<ListQueries, "find">,
  change: MembershipChange,
): Promise<void> {
  const { listId, joined, gone } = change;
  const recipients = await audience.of(listId);
  const owner = recipients.find((r) => r.role === "owner");
  const list = owner && (await lists.find(owner.userId, listId));
  const sends: Array<Promise<void>> = [];
  if (gone) sends.push(changes.publish(gone, { type: "list.deleted", data: { id: listId } }));
  if (list) {
    for (const r of recipients) {
      const type = r.userId === joined ? "list.created" : "list.updated";
      sends.push(changes.publish(r.userId, { type, data: { ...list, role: r.role } }));
    }
  }
  await Promise.all(sends);
}

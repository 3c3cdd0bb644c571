import type { Database } from "@todo/db";

type Executor = Database["db"];

/*
 * A user's lists stand at positions 0…n−1 in the order the user chose (decision 0013): a move
 * shifts the others, a deletion closes the gap. Callers hold the per-user lock (user-lock.ts),
 * so no other write renumbers the same lists meanwhile.
 */

async function orderOf(executor: Executor, userId: string) {
  const rows = await executor
    .selectFrom("list")
    .select(["id", "position"])
    .where("user_id", "=", userId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return { ids: rows.map((r) => r.id), was: new Map(rows.map((r) => [r.id, r.position])) };
}

/** Sets positions 0…n−1 in `ids` order, writing only the rows that move. */
async function renumber(
  executor: Executor,
  userId: string,
  ids: string[],
  was: Map<string, number>,
  now: string,
) {
  for (const [position, id] of ids.entries()) {
    if (was.get(id) === position) continue;
    await executor
      .updateTable("list")
      .set({ position, updated_at: now })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .execute();
  }
}

/** Puts the user's list `id` at `position` (past the end: last); the others keep their order. */
export async function moveList(
  executor: Executor,
  userId: string,
  id: string,
  position: number,
  now: string,
): Promise<void> {
  const { ids, was } = await orderOf(executor, userId);
  const others = ids.filter((other) => other !== id);
  others.splice(Math.min(position, others.length), 0, id);
  await renumber(executor, userId, others, was, now);
}

/** Numbers the user's lists 0…n−1 again in their order, once one of them is gone. */
export async function closeRanks(executor: Executor, userId: string, now: string): Promise<void> {
  const { ids, was } = await orderOf(executor, userId);
  await renumber(executor, userId, ids, was, now);
}

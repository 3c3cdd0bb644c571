// The benchmark's data, written straight into a migrated database.
import { randomUUID } from "node:crypto";
import { positionsAfter } from "@todo/contract/position";
import { createDatabase } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";

/** A task's tags: none, one or two of these, as people tag. */
const TAGS = [[], ["home"], ["work", "Urgent"], [], ["errands"]];

/**
 * A database for the benchmark: `users` users with `tasksPerUser` top-level tasks each and
 * `revocations` live revocation entries (none of them the users'); returns one access token per
 * user. As people use the app: a quarter of each user's tasks are in a second list of theirs,
 * shared with the next user (who is an editor of it, so every page also reads a shared list); tasks
 * carry tags, a manual order, and every tenth has two subtasks (one done) with its counts.
 */
export async function seed(
  config,
  { secret, issuer: iss, audience, users, tasksPerUser, revocations },
) {
  const database = createDatabase(config);
  await migrateToLatest(database);
  const issuer = createAccessTokenIssuer({
    keyRing: await createKeyRing({ secret }),
    issuer: iss,
    audience,
    ttlSeconds: 3600,
  });
  const bool = (v) => (config.kind === "sqlite" ? Number(v) : v);
  const tokens = [];
  const userIds = [];
  const listsOf = [];
  const start = Date.now() - 86_400_000;
  for (let u = 0; u < users; u++) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await database.db
      .insertInto("user")
      .values({
        id,
        name: `User ${u}`,
        email: `bench${u}@example.test`,
        emailVerified: bool(false),
        image: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    // The user's Inbox, made by the database with the user (migration 0005).
    const inbox = await database.db
      .selectFrom("list")
      .select("id")
      .where("user_id", "=", id)
      .executeTakeFirstOrThrow();
    const shared = randomUUID();
    await database.db
      .insertInto("list")
      .values({
        id: shared,
        user_id: id,
        name: "Shared",
        position: 1,
        is_inbox: bool(false),
        created_at: now,
        updated_at: now,
      })
      .execute();
    listsOf.push(shared);
    userIds.push(id);
    const inShared = Math.floor(tasksPerUser / 4);
    const positions = {
      [inbox.id]: positionsAfter(null, tasksPerUser),
      [shared]: positionsAfter(null, tasksPerUser),
    };
    const task = (t, listId, parentId, done) => {
      const at = new Date(start + t * 60_000).toISOString();
      const title = parentId ? `Step ${t} of a task of user ${u}` : `Task ${t} of user ${u}`;
      const tags = parentId ? [] : TAGS[t % TAGS.length];
      return {
        id: randomUUID(),
        user_id: id,
        created_by: id,
        list_id: listId,
        title,
        description: "Some words about it",
        title_key: title.toLowerCase(),
        search_text: `${title}\nsome words about it`.toLowerCase(),
        completed: bool(done),
        completed_at: done ? at : null,
        priority: (t % 3) + 1,
        due_date: t % 2 ? "2030-01-01" : null,
        tags: JSON.stringify(tags),
        tag_keys: tags.length ? `\n${tags.map((tag) => tag.toLowerCase()).join("\n")}\n` : "",
        parent_id: parentId,
        subtask_count: 0,
        subtasks_completed: 0,
        position: positions[listId].shift(),
        created_at: at,
        updated_at: at,
      };
    };
    const rows = [];
    for (let t = 0; t < tasksPerUser; t++) {
      const parent = task(t, t < inShared ? shared : inbox.id, null, t % 3 === 0);
      rows.push(parent);
      if (t % 10 !== 5) continue;
      rows.push(
        task(t, parent.list_id, parent.id, true),
        task(t, parent.list_id, parent.id, false),
      );
      parent.subtask_count = 2;
      parent.subtasks_completed = 1;
    }
    await database.db.insertInto("task").values(rows).execute();
    const minted = await issuer.mint({
      sub: id,
      sid: randomUUID(),
      email: `bench${u}@example.test`,
      name: `User ${u}`,
    });
    tokens.push(minted.token);
  }
  // Each user is an editor of the next user's shared list.
  await database.db
    .insertInto("list_member")
    .values(
      userIds.map((userId, u) => ({
        list_id: listsOf[(u + 1) % users],
        user_id: userId,
        role: "editor",
        created_at: new Date().toISOString(),
      })),
    )
    .execute();
  const at = Math.floor(Date.now() / 1000);
  for (let i = 0; i < revocations; i += 500) {
    const batch = Array.from({ length: 500 }, (_, j) => ({
      session_id: (i + j) % 10 === 9 ? null : randomUUID(),
      user_id: (i + j) % 10 === 9 ? randomUUID() : null,
      revoked_at: at,
      keep_until: at + 3600,
    }));
    await database.db.insertInto("revocation").values(batch).execute();
  }
  await database.close();
  return tokens;
}

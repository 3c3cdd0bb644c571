// The benchmark's data, written straight into a migrated database.
import { randomUUID } from "node:crypto";
import { createDatabase } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";

/**
 * A database for the benchmark: `users` users with `tasksPerUser` tasks each and `revocations`
 * live revocation entries (none of them the users'); returns one access token per user.
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
    const rows = Array.from({ length: tasksPerUser }, (_, t) => {
      const at = new Date(start + t * 60_000).toISOString();
      const title = `Task ${t} of user ${u}`;
      return {
        id: randomUUID(),
        user_id: id,
        list_id: inbox.id,
        title,
        description: "Some words about it",
        title_key: title.toLowerCase(),
        search_text: `${title}\nsome words about it`.toLowerCase(),
        completed: bool(t % 3 === 0),
        completed_at: t % 3 === 0 ? at : null,
        priority: (t % 3) + 1,
        due_date: t % 2 ? "2030-01-01" : null,
        created_at: at,
        updated_at: at,
      };
    });
    await database.db.insertInto("task").values(rows).execute();
    const minted = await issuer.mint({
      sub: id,
      sid: randomUUID(),
      email: `bench${u}@example.test`,
      name: `User ${u}`,
    });
    tokens.push(minted.token);
  }
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

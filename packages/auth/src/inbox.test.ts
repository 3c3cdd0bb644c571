import { randomBytes, randomUUID } from "node:crypto";
import { createDatabase, type Database } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import { adminQuery, createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Auth, createAuth } from "./create-auth.js";
import { type AuthCall, authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";

// Every account has its Inbox from the moment Better Auth creates it, and takes its lists and
// tasks along when it is deleted (migration 0005, docs/decisions/0013-lists-inbox-and-composite-keys.md).

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const secret = () => randomBytes(32).toString("base64url");

const postgresHere = await adminQuery("select 1").then(
  () => true,
  (error: unknown) => {
    if (process.env.CI) throw error;
    console.warn("NOTICE: PostgreSQL unreachable; skipping its Inbox tests.");
    return false;
  },
);

async function open(kind: Database["kind"]) {
  if (kind === "sqlite") {
    const database = await migratedTestDatabase("inbox");
    return { database, destroy: () => database.close() };
  }
  const url = await createScratchPostgres("todo_inbox");
  const database = createDatabase({ kind, url }, { poolSize: 4 });
  await migrateToLatest(database);
  return {
    database,
    destroy: async () => {
      await database.close();
      await dropScratchPostgres(url);
    },
  };
}

for (const kind of ["sqlite", "postgres"] as const) {
  describe.skipIf(kind === "postgres" && !postgresHere)(`the Inbox of an account [${kind}]`, () => {
    let auth: Auth;
    let database: Database;
    let destroy: () => Promise<void>;

    beforeAll(async () => {
      ({ database, destroy } = await open(kind));
      const keyRing = await createKeyRing({ secret: secret() });
      const issuer = createAccessTokenIssuer({ keyRing, issuer: ORIGIN, audience: "todo-api" });
      auth = createAuth({
        database,
        secret: secret(),
        baseURL: ORIGIN,
        issuer,
        rateLimit: false,
        audit: () => {},
      });
    });
    afterAll(() => destroy());

    const call = (pathname: string, init: AuthCall) =>
      authRequest(auth.handler, ORIGIN, pathname, { method: "POST", ...init });
    const signUp = (email: string) =>
      call("/sign-up/email", { body: { name: "Pat", email, password: PASSWORD } });
    const userIdOf = async (email: string) =>
      (
        await database.db
          .selectFrom("user")
          .select("id")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).id;
    const listsOf = (userId: string) =>
      database.db
        .selectFrom("list")
        .select(["id", "name", sql<boolean | number>`is_inbox`.as("inbox")])
        .where("user_id", "=", userId)
        .execute();

    it("sign-up creates the account with exactly one list, its Inbox", async () => {
      const email = `${randomUUID()}@example.test`;
      expect((await signUp(email)).status).toBe(200);
      const lists = await listsOf(await userIdOf(email));
      expect(lists).toHaveLength(1);
      expect(lists[0]?.name).toBe("Inbox");
      expect(Boolean(lists[0]?.inbox)).toBe(true);
    });

    it("concurrent sign-ups with one email make one account with one Inbox", async () => {
      const email = `${randomUUID()}@example.test`;
      const statuses = (await Promise.all(Array.from({ length: 6 }, () => signUp(email)))).map(
        (response) => response.status,
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(await listsOf(await userIdOf(email))).toHaveLength(1);
    });

    it("deleting the account deletes its lists and their tasks", async () => {
      const email = `${randomUUID()}@example.test`;
      const cookie = cookieOf(await signUp(email));
      const userId = await userIdOf(email);
      const [inbox] = await listsOf(userId);
      const now = new Date().toISOString();
      await sql`insert into task (id, user_id, list_id, title, description, title_key,
          search_text, completed, completed_at, priority, due_date, created_at, updated_at)
        values (${randomUUID()}, ${userId}, ${inbox?.id}, 't', '', 't', 't',
          ${kind === "sqlite" ? 0 : false}, null, 2, null, ${now}, ${now})`.execute(database.db);
      const deleted = await call("/delete-user", { cookie, body: { password: PASSWORD } });
      expect(deleted.status).toBe(200);
      expect(await listsOf(userId)).toEqual([]);
      const tasks = await database.db
        .selectFrom("task")
        .select("id")
        .where("user_id", "=", userId)
        .execute();
      expect(tasks).toEqual([]);
    });
  });
}

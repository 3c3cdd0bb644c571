import { randomUUID } from "node:crypto";
import {
  type AcceptedInvite,
  type CreatedInvite,
  INVITE_TTL_DAYS,
  type Invite,
  type InvitePreview,
  type MemberRole,
  toIso,
} from "@todo/contract";
import type { Database } from "@todo/db";
import { sql } from "kysely";
import { createListLookup } from "../lists/list-lookup.js";
import { withUserLock } from "../user-lock.js";
import { hashInviteCode, newInviteCode } from "./invite-code.js";

/** Why an owner's invite action did not happen. */
export type InviteRefusal = "not-found" | "forbidden" | "inbox" | "limit";
/** Why an accept did not happen: the code is not live, or the caller already sees the list. */
export type AcceptRefusal = "not-found" | "already-member" | "limit";

const DAY_MS = 24 * 3600 * 1000;

interface InviteRow {
  id: string;
  role: MemberRole;
  created_at: string | Date;
  expires_at: string | Date;
}

const toInvite = (row: InviteRow): Invite => ({
  id: row.id,
  role: row.role,
  expiresAt: toIso(row.expires_at),
  createdAt: toIso(row.created_at),
});

/**
 * Invite codes (docs/decisions/0024-list-sharing-and-invite-codes.md). A code is live while it is
 * unused, unrevoked and unexpired; every lookup by code asks all three in its SQL, so a used,
 * revoked or expired code is, to anyone, a code that does not exist. Writes that count run under
 * the list owner's lock (user-lock.ts): parallel creates or accepts cannot overshoot a limit.
 */
export function createInviteQueries(database: Database) {
  const { db } = database;
  const lookup = createListLookup(db);

  /** The live invite with this code's hash, its list and the list's owner. */
  const live = (executor: typeof db, codeHash: string, now: string) =>
    executor
      .selectFrom("list_invite")
      .innerJoin("list", "list.id", "list_invite.list_id")
      .innerJoin("user", "user.id", "list.user_id")
      .select([
        "list_invite.id",
        "list_invite.list_id",
        "list_invite.role",
        "list_invite.expires_at",
        "list.name as list_name",
        "list.user_id as owner_id",
        "user.name as owner_name",
      ])
      .where("list_invite.code_hash", "=", codeHash)
      .where("list_invite.used_at", "is", null)
      .where("list_invite.revoked_at", "is", null)
      .where("list_invite.expires_at", ">", now)
      // Invites are never made for an Inbox; refused here as well, should one ever exist.
      .where(sql<boolean>`not list.is_inbox`);

  /** The caller's standing on a list for an owner-only invite action. */
  async function asOwner(executor: typeof db, userId: string, listId: string) {
    const access = await lookup.access(executor, userId, listId);
    if (!access) return "not-found" as const;
    if (access.role !== "owner") return "forbidden" as const;
    return access;
  }

  return {
    /** A new code for `role`, shown in the answer only; refused on the Inbox and over the limit. */
    create(userId: string, listId: string, role: MemberRole, now: Date, maxLive: number) {
      return withUserLock(
        database,
        userId,
        async (executor): Promise<CreatedInvite | InviteRefusal> => {
          const access = await asOwner(executor, userId, listId);
          if (typeof access === "string") return access;
          if (access.isInbox) return "inbox";
          const timestamp = now.toISOString();
          // Spent invites (used, revoked, expired) go when the next one is made: the audit log
          // keeps their story, and a list's rows stay bounded by its live invites plus the spent
          // since.
          await executor
            .deleteFrom("list_invite")
            .where("list_id", "=", listId)
            .where((eb) =>
              eb.or([
                eb("used_at", "is not", null),
                eb("revoked_at", "is not", null),
                eb("expires_at", "<=", timestamp),
              ]),
            )
            .execute();
          const { n } = await executor
            .selectFrom("list_invite")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .where("list_id", "=", listId)
            .where("used_at", "is", null)
            .where("revoked_at", "is", null)
            .where("expires_at", ">", timestamp)
            .executeTakeFirstOrThrow();
          if (Number(n) >= maxLive) return "limit";
          const code = newInviteCode();
          const row = {
            id: randomUUID(),
            list_id: listId,
            code_hash: hashInviteCode(code),
            role,
            created_at: timestamp,
            expires_at: new Date(now.getTime() + INVITE_TTL_DAYS * DAY_MS).toISOString(),
          };
          await executor.insertInto("list_invite").values(row).execute();
          return { ...toInvite(row), code };
        },
      );
    },

    /** The list's live invites, oldest first, without codes (the database has none to give). */
    async pending(userId: string, listId: string, now: Date): Promise<Invite[] | InviteRefusal> {
      const access = await asOwner(db, userId, listId);
      if (typeof access === "string") return access;
      const rows = await db
        .selectFrom("list_invite")
        .select(["id", "role", "created_at", "expires_at"])
        .where("list_id", "=", listId)
        .where("used_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now.toISOString())
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toInvite);
    },

    /** Revokes a live invite of the list; "not-found" also for one already used or expired. */
    async revoke(userId: string, listId: string, inviteId: string, now: Date) {
      const access = await asOwner(db, userId, listId);
      if (typeof access === "string") return access;
      const timestamp = now.toISOString();
      const result = await db
        .updateTable("list_invite")
        .set({ revoked_at: timestamp })
        .where("id", "=", inviteId)
        .where("list_id", "=", listId)
        .where("used_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", timestamp)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? ("revoked" as const) : ("invite-not-found" as const);
    },

    /** What a live code joins, or undefined. */
    async preview(code: string, now: Date): Promise<InvitePreview | undefined> {
      const row = await live(db, hashInviteCode(code), now.toISOString()).executeTakeFirst();
      return (
        row && {
          listName: row.list_name,
          ownerName: row.owner_name,
          role: row.role,
          expiresAt: toIso(row.expires_at),
        }
      );
    },

    /**
     * Makes the caller a member with the code's role, in one transaction under the owner's lock.
     * The code is spent by a conditional update (only while still live): of two accepts of one
     * code, whatever their order or instance, exactly one changes the row and joins.
     */
    async accept(userId: string, code: string, now: Date, maxMembers: number) {
      const codeHash = hashInviteCode(code);
      const timestamp = now.toISOString();
      const found = await live(db, codeHash, timestamp).executeTakeFirst();
      if (!found) return "not-found" as const;
      return withUserLock(
        database,
        found.owner_id,
        async (executor): Promise<(AcceptedInvite & { inviteId: string }) | AcceptRefusal> => {
          const invite = await live(executor, codeHash, timestamp).executeTakeFirst();
          if (!invite || invite.owner_id !== found.owner_id) return "not-found";
          if (await lookup.access(executor, userId, invite.list_id)) return "already-member";
          const { n } = await executor
            .selectFrom("list_member")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .where("list_id", "=", invite.list_id)
            .executeTakeFirstOrThrow();
          if (Number(n) >= maxMembers) return "limit";
          const spent = await executor
            .updateTable("list_invite")
            .set({ used_at: timestamp, used_by: userId })
            .where("id", "=", invite.id)
            .where("used_at", "is", null)
            .where("revoked_at", "is", null)
            .where("expires_at", ">", timestamp)
            .executeTakeFirst();
          if (spent.numUpdatedRows === 0n) return "not-found";
          await executor
            .insertInto("list_member")
            .values({
              list_id: invite.list_id,
              user_id: userId,
              role: invite.role,
              created_at: timestamp,
            })
            .execute();
          return { listId: invite.list_id, role: invite.role, inviteId: invite.id };
        },
      );
    },
  };
}

export type InviteQueries = ReturnType<typeof createInviteQueries>;

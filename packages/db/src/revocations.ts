import { sql } from "kysely";
import type { Database } from "./create-database.js";

/**
 * The revocation record (docs/decisions/0010-session-revocation.md). The web app writes one entry
 * where a session ends (`sessionId`) or an account is deleted (`userId`, refusing every token of
 * that user issued at or before `revokedAt`); every API instance holds the live entries in memory
 * and refuses matching tokens without any I/O on the request path.
 *
 * An entry is kept until the last token it can match has expired for certain: the longest
 * lifetime the verifier accepts plus its clock leeway after `revokedAt`.
 */
export type Revocation =
  | { readonly sessionId: string; readonly revokedAt: number; readonly keepUntil: number }
  | { readonly userId: string; readonly revokedAt: number; readonly keepUntil: number };

/** The Redis channel on which the web app pushes each new entry to every API instance. */
export const REVOCATION_CHANNEL = "todo:revocations";

/** 3600 s (the contract's longest token lifetime) + 30 s (its clock leeway). */
export const REVOCATION_RETENTION_SECONDS = 3600 + 30;

export const nowSeconds = (nowMs = Date.now()) => Math.floor(nowMs / 1000);

/** The entry for a session that ended now. */
export function sessionRevocation(sessionId: string, at = nowSeconds()): Revocation {
  return { sessionId, revokedAt: at, keepUntil: at + REVOCATION_RETENTION_SECONDS };
}

/** The entry for an account deleted now: every token of the user issued up to now. */
export function userRevocation(userId: string, at = nowSeconds()): Revocation {
  return { userId, revokedAt: at, keepUntil: at + REVOCATION_RETENTION_SECONDS };
}

/** Writes one entry (and clears the expired ones, which the index on keep_until makes cheap). */
export async function recordRevocation(database: Database, entry: Revocation): Promise<void> {
  await database.db
    .insertInto("revocation")
    .values({
      session_id: "sessionId" in entry ? entry.sessionId : null,
      user_id: "userId" in entry ? entry.userId : null,
      revoked_at: entry.revokedAt,
      keep_until: entry.keepUntil,
    })
    .execute();
  await database.db
    .deleteFrom("revocation")
    .where("keep_until", "<", nowSeconds() - 60)
    .execute();
}

export interface RevocationPage {
  readonly entries: Revocation[];
  /** The highest id read, to continue from. */
  readonly lastId: number;
}

/** Live entries with an id above `afterId`, oldest first. */
export async function readRevocations(
  database: Database,
  afterId: number,
  at = nowSeconds(),
): Promise<RevocationPage> {
  const rows = await database.db
    .selectFrom("revocation")
    .select(["id", "session_id", "user_id", "revoked_at", "keep_until"])
    .where("id", ">", afterId)
    .where("keep_until", ">", at)
    .orderBy("id")
    .execute();
  let lastId = afterId;
  const entries: Revocation[] = [];
  for (const row of rows) {
    lastId = Math.max(lastId, Number(row.id));
    const times = { revokedAt: Number(row.revoked_at), keepUntil: Number(row.keep_until) };
    if (row.session_id !== null) entries.push({ sessionId: row.session_id, ...times });
    else if (row.user_id !== null) entries.push({ userId: row.user_id, ...times });
  }
  return { entries, lastId };
}

/** The newest id in the table (0 when empty), whether or not its entry is still live. */
export async function lastRevocationId(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom("revocation")
    .select(sql<number | string | null>`max(id)`.as("last"))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** A pushed entry as it arrives on the channel: anything not exactly this shape is ignored. */
export function parseRevocation(text: string): Revocation | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  const { revokedAt, keepUntil } = entry;
  if (!Number.isSafeInteger(revokedAt) || !Number.isSafeInteger(keepUntil)) return undefined;
  const times = { revokedAt: revokedAt as number, keepUntil: keepUntil as number };
  if (typeof entry.sessionId === "string" && entry.sessionId.length > 0) {
    return { sessionId: entry.sessionId, ...times };
  }
  if (typeof entry.userId === "string" && entry.userId.length > 0) {
    return { userId: entry.userId, ...times };
  }
  return undefined;
}

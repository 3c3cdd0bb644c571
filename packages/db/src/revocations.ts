import { sql } from "kysely";
import type { Database } from "./create-database.js";

/**
 * The revocation record (docs/decisions/0010-session-revocation.md). The web app writes one entry
 * where a session ends (`sessionId`), or one per-user cut-off (`userId`) where many end at once:
 * signing out everywhere or on other devices, a password change, account deletion. A cut-off
 * refuses every token of that user issued at or before `revokedAt`, except the tokens of
 * `keptSessionId` when the action keeps the session that asked for it. One row covers every
 * session of the user, however many: nothing depends on a page size. Every API instance holds
 * the live entries in memory and refuses matching tokens without any I/O on the request path.
 *
 * An entry is kept until the last token it can match has expired for certain: the longest token
 * lifetime the configuration allows plus the clock leeway after `revokedAt`.
 */
export type Revocation = SessionRevocation | UserCutOff;

export interface SessionRevocation {
  readonly sessionId: string;
  readonly revokedAt: number;
  readonly keepUntil: number;
}

export interface UserCutOff {
  readonly userId: string;
  readonly revokedAt: number;
  readonly keepUntil: number;
  /** The session the action keeps (the caller's own, on "sign out other devices"). */
  readonly keptSessionId?: string;
  /** `revokedAt` in milliseconds: a session created at or before it is covered by the cut-off. */
  readonly revokedAtMs?: number;
}

/** The Redis channel on which the web app pushes each new entry to every API instance. */
export const REVOCATION_CHANNEL = "todo:revocations";

/** The contract's clock leeway: a token stays acceptable this long after its `exp`. */
const CLOCK_LEEWAY_SECONDS = 30;
/** The contract's longest token lifetime (3600 s): the default when no lifetime is configured. */
const LONGEST_TTL_SECONDS = 3600;

/** How long an entry must live: the configured token lifetime plus the clock leeway. */
export function retentionSeconds(ttlSeconds = LONGEST_TTL_SECONDS): number {
  return ttlSeconds + CLOCK_LEEWAY_SECONDS;
}

export const nowSeconds = (nowMs = Date.now()) => Math.floor(nowMs / 1000);

/** The entry for a session that ended now. */
export function sessionRevocation(
  sessionId: string,
  at = nowSeconds(),
  retention = retentionSeconds(),
): SessionRevocation {
  return { sessionId, revokedAt: at, keepUntil: at + retention };
}

/** The cut-off for an account deleted now: every token of the user issued up to now. */
export function userRevocation(
  userId: string,
  at = nowSeconds(),
  retention = retentionSeconds(),
): UserCutOff {
  return { userId, revokedAt: at, keepUntil: at + retention };
}

/** The cut-off for every session of a user but `keptSessionId` (if given), taken at `nowMs`. */
export function userCutOff(
  userId: string,
  options: { keptSessionId?: string; nowMs?: number; retention?: number } = {},
): UserCutOff {
  const nowMs = options.nowMs ?? Date.now();
  const at = nowSeconds(nowMs);
  return {
    userId,
    revokedAt: at,
    keepUntil: at + (options.retention ?? retentionSeconds()),
    revokedAtMs: nowMs,
    ...(options.keptSessionId !== undefined && { keptSessionId: options.keptSessionId }),
  };
}

/**
 * Does `entry` refuse a token of session `sid`, user `sub`, issued at `iat` (seconds)? The one
 * rule, used by the API's in-memory set and by the tests that check what an action revoked.
 */
export function refuses(entry: Revocation, sid: string, sub: string, iat: number): boolean {
  if ("sessionId" in entry) return entry.sessionId === sid;
  return entry.userId === sub && iat <= entry.revokedAt && entry.keptSessionId !== sid;
}

function row(entry: Revocation) {
  const cutOff = "userId" in entry ? entry : undefined;
  return {
    session_id: "sessionId" in entry ? entry.sessionId : null,
    user_id: cutOff?.userId ?? null,
    revoked_at: entry.revokedAt,
    keep_until: entry.keepUntil,
    kept_session_id: cutOff?.keptSessionId ?? null,
    revoked_at_ms: cutOff?.revokedAtMs ?? null,
  };
}

/** Writes one entry (and clears the expired ones, which the index on keep_until makes cheap). */
export async function recordRevocation(database: Database, entry: Revocation): Promise<void> {
  await recordRevocations(database, [entry]);
}

/** Writes several entries in one statement: all of them or none. */
export async function recordRevocations(
  database: Database,
  entries: readonly Revocation[],
): Promise<void> {
  if (entries.length === 0) return;
  await database.db.insertInto("revocation").values(entries.map(row)).execute();
  await database.db
    .deleteFrom("revocation")
    .where("keep_until", "<", nowSeconds() - 60)
    .execute();
}

/**
 * The live cut-offs of one user, for the web app when it mints a token (an indexed read; never on
 * the API's request path).
 */
export async function readUserCutOffs(
  database: Database,
  userId: string,
  at = nowSeconds(),
): Promise<UserCutOff[]> {
  const rows = await database.db
    .selectFrom("revocation")
    .select(["revoked_at", "keep_until", "kept_session_id", "revoked_at_ms"])
    .where("user_id", "=", userId)
    .where("keep_until", ">", at)
    .execute();
  return rows.map((r) => toCutOff(userId, r));
}

function toCutOff(
  userId: string,
  r: {
    revoked_at: number | string;
    keep_until: number | string;
    kept_session_id: string | null;
    revoked_at_ms: number | string | null;
  },
): UserCutOff {
  const revokedAt = Number(r.revoked_at);
  return {
    userId,
    revokedAt,
    keepUntil: Number(r.keep_until),
    // Account deletion's cut-off (written before this column existed) ends with its second.
    revokedAtMs: r.revoked_at_ms === null ? revokedAt * 1000 + 999 : Number(r.revoked_at_ms),
    ...(r.kept_session_id !== null && { keptSessionId: r.kept_session_id }),
  };
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
    .select([
      "id",
      "session_id",
      "user_id",
      "revoked_at",
      "keep_until",
      "kept_session_id",
      "revoked_at_ms",
    ])
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
    else if (row.user_id !== null) entries.push(toCutOff(row.user_id, row));
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
    const kept = entry.keptSessionId;
    if (kept !== undefined && (typeof kept !== "string" || kept.length === 0)) return undefined;
    return { userId: entry.userId, ...times, ...(kept !== undefined && { keptSessionId: kept }) };
  }
  return undefined;
}

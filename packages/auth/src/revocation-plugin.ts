import type { Database } from "@todo/db";
import {
  REVOCATION_CHANNEL,
  type Revocation,
  recordRevocations,
  retentionSeconds,
  sessionRevocation,
  userRevocation,
} from "@todo/db/revocations";
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { Redis } from "ioredis";

/** Pushes a recorded entry to every API instance (Redis publish); failures are only logged. */
export type RevocationNotifier = (entry: Revocation) => Promise<void>;

/**
 * Publishes each entry on the channel every API instance listens to. Commands fail fast while
 * Redis is away (the API still finds the entry by polling the table within a second).
 */
export function redisRevocationNotifier(
  redisUrl: string,
  onError: (error: unknown) => void,
): RevocationNotifier {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", onError);
  return async (entry) => {
    await redis.publish(REVOCATION_CHANNEL, JSON.stringify(entry));
  };
}

export interface RevocationSettings {
  readonly database: Database;
  readonly notify?: RevocationNotifier;
  readonly onError?: (error: unknown) => void;
  /** The configured token lifetime (JWT_TTL_SECONDS): entries live this long plus the leeway. */
  readonly ttlSeconds?: number;
}

/** 503 REVOCATION_UNAVAILABLE: the record could not be written, so nothing was ended. */
export function revocationUnavailable(): APIError {
  return new APIError(
    "SERVICE_UNAVAILABLE",
    {
      code: "REVOCATION_UNAVAILABLE",
      message: "The session could not be ended right now; try again.",
    },
    { "Retry-After": "5" },
  );
}

/** Records revocation entries; one per auth instance, shared by the hooks and the sign-out guard. */
export interface RevocationRecorder {
  /** Seconds an entry is kept: the configured token lifetime plus the clock leeway. */
  readonly retention: number;
  /** Writes the entry (503 when it cannot), then pushes it; remembers it briefly. */
  record(entry: Revocation): Promise<void>;
  /** Writes the entries in one statement (503 when it cannot, none written), then pushes them. */
  recordAll(entries: readonly Revocation[]): Promise<void>;
  /** True once for a session (or `user:<id>`) whose entry was written within the last minute. */
  takeRecent(key: string): boolean;
  readonly onError: (error: unknown) => void;
}

const RECENT_MS = 60_000;

export function revocationRecorder(settings: RevocationSettings): RevocationRecorder {
  const { database, notify, onError = () => {} } = settings;
  const retention = retentionSeconds(settings.ttlSeconds);
  // Sessions just recorded by the sign-out guard, so the delete hook that follows in the same
  // request does not write the same entry again. Skipping is always safe: the entry is durable.
  const recent = new Map<string, number>();
  const recordAll = async (entries: readonly Revocation[]) => {
    try {
      await recordRevocations(database, entries);
    } catch (error) {
      onError(error);
      throw revocationUnavailable();
    }
    const now = Date.now();
    for (const [id, at] of recent) if (now - at > RECENT_MS) recent.delete(id);
    for (const entry of entries) {
      recent.set("sessionId" in entry ? entry.sessionId : `user:${entry.userId}`, now);
    }
    // The table is the record; the push only makes it arrive sooner (the API also polls).
    for (const entry of entries) {
      await notify?.(entry).catch((error: unknown) =>
        onError(
          new Error(`revocation push failed (the API will find it by polling): ${String(error)}`),
        ),
      );
    }
  };
  return {
    retention,
    onError,
    record: (entry) => recordAll([entry]),
    recordAll,
    takeRecent(sessionId) {
      const at = recent.get(sessionId);
      recent.delete(sessionId);
      return at !== undefined && Date.now() - at <= RECENT_MS;
    },
  };
}

/**
 * Writes the revocation record (docs/decisions/0010-session-revocation.md) *before* a session row
 * or a user row is deleted: if the record cannot be written the deletion does not happen and the
 * request answers 503, so a session is never gone while its tokens still pass. Better Auth calls
 * the session hook once per row it deletes: sign-out, "end this session", and the caller's own row
 * after the actions that end many sessions, whose other rows are covered by one per-user cut-off
 * written before them and deleted in one statement (session-ending-plugin.ts).
 */
export function revocationHooks(recorder: RevocationRecorder) {
  return {
    session: {
      delete: {
        before: async (session: { id: string }) => {
          if (recorder.takeRecent(session.id)) return;
          await recorder.record(sessionRevocation(session.id, undefined, recorder.retention));
        },
      },
    },
    user: {
      delete: {
        before: async (user: { id: string }) => {
          // Written already by the session-ending hook of /delete-user (before anything was deleted).
          if (recorder.takeRecent(`user:${user.id}`)) return;
          await recorder.record(userRevocation(user.id, undefined, recorder.retention));
        },
      },
    },
  } satisfies BetterAuthOptions["databaseHooks"];
}

/**
 * Better Auth's sign-out swallows a failed session deletion and answers 200 anyway, with the cookie
 * cleared: the user would believe they are signed out while their token still works. So the
 * entry for the current session is written (and pushed) first; if that fails, sign-out answers 503
 * and nothing (cookie included) changes. The delete hook that follows skips the entry it finds
 * just recorded, so a sign-out writes one row.
 */
export function signOutRevocationPlugin(recorder: RevocationRecorder) {
  return {
    id: "sign-out-revocation",
    hooks: {
      before: [
        {
          matcher: (ctx: { path?: string }) => ctx.path === "/sign-out",
          handler: createAuthMiddleware(async (ctx) => {
            const current = await getSessionFromCtx(ctx).catch(() => null);
            if (!current) return;
            await recorder.record(
              sessionRevocation(current.session.id, undefined, recorder.retention),
            );
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

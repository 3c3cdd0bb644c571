import type { Database } from "@todo/db";
import {
  REVOCATION_CHANNEL,
  type Revocation,
  recordRevocation,
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
}

function unavailable(): APIError {
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
  /** Writes the entry (503 when it cannot), then pushes it; remembers a session entry briefly. */
  record(entry: Revocation): Promise<void>;
  /** True once for a session whose entry `record` wrote within the last minute. */
  takeRecent(sessionId: string): boolean;
}

const RECENT_MS = 60_000;

export function revocationRecorder(settings: RevocationSettings): RevocationRecorder {
  const { database, notify, onError = () => {} } = settings;
  // Sessions just recorded by the sign-out guard, so the delete hook that follows in the same
  // request does not write the same entry again. Skipping is always safe: the entry is durable.
  const recent = new Map<string, number>();
  return {
    async record(entry) {
      try {
        await recordRevocation(database, entry);
      } catch (error) {
        onError(error);
        throw unavailable();
      }
      if ("sessionId" in entry) {
        const now = Date.now();
        for (const [id, at] of recent) if (now - at > RECENT_MS) recent.delete(id);
        recent.set(entry.sessionId, now);
      }
      // The table is the record; the push only makes it arrive sooner (the API also polls).
      await notify?.(entry).catch((error: unknown) =>
        onError(
          new Error(`revocation push failed (the API will find it by polling): ${String(error)}`),
        ),
      );
    },
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
 * the session hook once per row, for sign-out, revoking one or all sessions, a password change
 * and account deletion alike.
 */
export function revocationHooks(recorder: RevocationRecorder) {
  return {
    session: {
      delete: {
        before: async (session: { id: string }) => {
          if (recorder.takeRecent(session.id)) return;
          await recorder.record(sessionRevocation(session.id));
        },
      },
    },
    user: {
      delete: {
        before: async (user: { id: string }) => {
          await recorder.record(userRevocation(user.id));
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
            await recorder.record(sessionRevocation(current.session.id));
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

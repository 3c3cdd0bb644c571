import type { Database } from "@todo/db";
import {
  lastRevocationId,
  nowSeconds,
  parseRevocation,
  REVOCATION_CHANNEL,
  type Revocation,
  readRevocations,
  refuses,
  type UserCutOff,
} from "@todo/db/revocations";
import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";

/**
 * Every API instance's copy of the revocation record (docs/decisions/0010-session-revocation.md):
 * ended sessions and per-user cut-offs (sign-out everywhere or on other devices, password change,
 * account deletion), held in two maps and checked on every request without I/O.
 *
 * It is filled from the database table (the record) at start, then kept current by polling the
 * table every second and, with Redis, by entries pushed at once on a channel. Polling goes on
 * while Redis works, so a lost push, a Redis restart or a subscriber that reconnects late costs
 * at most one poll interval; a full reload every 30 s mends any gap left by ids committed out of
 * order.
 */
export interface RevocationSet {
  /** Is a token with this session, subject and issue time refused? Memory only. */
  isRevoked(sessionId: string, userId: string, issuedAt: number): boolean;
  /** Read from the table at least once: a field, so the request path pays no call for it. */
  readonly loaded: boolean;
  /** Loaded at least once, and synchronised with the table within the staleness bound. */
  health(): {
    readonly loaded: boolean;
    readonly stale: boolean;
    readonly entries: number;
    /** When the table was last read successfully (ms since the epoch; 0: never), for metrics. */
    readonly syncedAt: number;
  };
  /**
   * Calls `listener` for every entry that revokes more than the set already did (a new session,
   * a later account cut-off), however it arrived (poll, push, reload): open event streams end at
   * once instead of each checking on a timer. Returns the unsubscribe function.
   */
  onRevoked(listener: (entry: Revocation) => void): () => void;
  /** Reads what is new in the table now (tests call it instead of waiting for the next poll). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface RevocationFeedOptions {
  readonly database: Database;
  readonly redisUrl?: string | undefined;
  readonly log: FastifyBaseLogger;
  readonly pollMs?: number;
  readonly fullReloadMs?: number;
  /** After this long without a successful read the set is stale and /readyz says so. */
  readonly staleAfterMs?: number;
}

/** Re-read this many ids below the last one seen: PostgreSQL may commit ids out of order. */
const ID_OVERLAP = 256;

export async function startRevocationFeed(options: RevocationFeedOptions): Promise<RevocationSet> {
  const { database, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const fullReloadMs = options.fullReloadMs ?? 30_000;
  const staleAfterMs = options.staleAfterMs ?? 5000;

  const sessions = new Map<string, number>(); // session id → keep until (s)
  // user id → the cut-offs that no other one of the user's makes redundant (usually one)
  const users = new Map<string, UserCutOff[]>();
  let lastId = 0;
  let lastSyncMs = 0;
  let lastFullMs = 0;
  let loaded = false;
  let failing = false;

  const listeners = new Set<(entry: Revocation) => void>();
  const notify = (entry: Revocation) => {
    for (const listener of listeners) {
      try {
        listener(entry);
      } catch (error) {
        log.error({ err: error, event: "revocations.listener" }, "revocation listener failed");
      }
    }
  };
  const add = (entry: Revocation) => {
    if ("sessionId" in entry) {
      const known = sessions.get(entry.sessionId);
      sessions.set(entry.sessionId, Math.max(entry.keepUntil, known ?? 0));
      if (known === undefined) notify(entry);
      return;
    }
    const known = users.get(entry.userId) ?? [];
    if (known.some((other) => covers(other, entry))) return;
    users.set(entry.userId, [...known.filter((other) => !covers(entry, other)), entry]);
    notify(entry);
  };
  const prune = (at: number) => {
    for (const [id, keepUntil] of sessions) if (keepUntil <= at) sessions.delete(id);
    for (const [id, cutOffs] of users) {
      const live = cutOffs.filter((entry) => entry.keepUntil > at);
      if (live.length === 0) users.delete(id);
      else if (live.length < cutOffs.length) users.set(id, live);
    }
  };

  let running: Promise<void> | undefined;
  const read = async (full: boolean) => {
    const startedMs = Date.now();
    const from = full ? 0 : Math.max(0, lastId - ID_OVERLAP);
    const page = await readRevocations(database, from);
    for (const entry of page.entries) add(entry);
    lastId = Math.max(lastId, page.lastId, full ? await lastRevocationId(database) : 0);
    prune(nowSeconds());
    lastSyncMs = startedMs;
    if (full) lastFullMs = startedMs;
    loaded = true;
    if (failing) log.info({ event: "revocations.recovered" }, "revocation feed reachable again");
    failing = false;
  };
  const sync = (full = Date.now() - lastFullMs >= fullReloadMs) => {
    running ??= read(full)
      .catch((error: unknown) => {
        if (!failing) {
          // Fail open (decision 0010): keep refusing what is known, serve the rest, say so.
          log.error(
            { err: error, event: "revocations.unreachable" },
            "revocation feed unreachable",
          );
        }
        failing = true;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  await sync(true);
  const timer = setInterval(() => void sync(), pollMs);
  timer.unref();

  const subscriber = options.redisUrl
    ? subscribe(options.redisUrl, log, add, () => sync(true))
    : undefined;

  return {
    get loaded() {
      return loaded;
    },
    isRevoked(sessionId, userId, issuedAt) {
      if (sessions.has(sessionId)) return true;
      const cutOffs = users.get(userId);
      return cutOffs?.some((entry) => refuses(entry, sessionId, userId, issuedAt)) ?? false;
    },
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health() {
      return {
        loaded,
        stale: !loaded || Date.now() - lastSyncMs > staleAfterMs,
        entries: sessions.size + users.size,
        syncedAt: lastSyncMs,
      };
    },
    async sync() {
      await running;
      await sync(false);
    },
    async close() {
      clearInterval(timer);
      await running;
      await subscriber?.quit().catch(() => subscriber.disconnect());
    },
  };
}

/**
 * Does cut-off `a` refuse everything `b` refuses (as late, spares no other session, lives as
 * long)? Then `b` adds nothing. Keeps a user's list at one entry in practice.
 */
function covers(a: UserCutOff, b: UserCutOff): boolean {
  return (
    a.revokedAt >= b.revokedAt &&
    a.keepUntil >= b.keepUntil &&
    (a.keptSessionId === undefined || a.keptSessionId === b.keptSessionId)
  );
}

/** Entries pushed by the web app; after every (re)connection, a full reload closes the gap. */
function subscribe(
  url: string,
  log: FastifyBaseLogger,
  add: (entry: Revocation) => void,
  reload: () => Promise<void>,
): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  let warned = false;
  redis.on("error", (error: Error) => {
    if (warned) return;
    warned = true;
    log.warn({ err: error, event: "revocations.redis" }, "revocation channel unreachable; polling");
  });
  redis.on("ready", () => {
    warned = false;
    void reload();
  });
  redis.on("message", (_channel: string, message: string) => {
    const entry = parseRevocation(message);
    if (entry) add(entry);
  });
  redis.subscribe(REVOCATION_CHANNEL).catch(() => {
    // Reported by the error listener; ioredis re-subscribes when it reconnects.
  });
  return redis;
}

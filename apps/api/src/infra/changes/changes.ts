import type { ChangeEvent } from "@todo/contract";
import type { FastifyBaseLogger } from "fastify";
import { createMemoryEventStore, type EventStore } from "./event-store.js";
import { createRedisEventStore } from "./redis-event-store.js";
import { createStreamHub, type StreamHub, type StreamLimits } from "./stream-hub.js";

/** What a route sees: one call, after its write has committed. */
export interface Changes {
  /**
   * Announces the user's changes to every stream of theirs, in this process and the others, in
   * order. Several events in one call are kept together (a list deletion and the tasks it moved).
   * Never throws: the write has happened. A failure is logged and this process's streams of the
   * user are told to `reload`; streams held by other processes learn nothing of it (decision 0015).
   */
  publish(userId: string, events: ChangeEvent | readonly ChangeEvent[]): Promise<void>;
}

export interface ChangesSettings {
  /** Events kept per user for replay. */
  readonly history: number;
  /** How long a user's history outlives its last event (Redis). */
  readonly retentionMs: number;
  readonly heartbeatMs: number;
  readonly limits: StreamLimits;
}

export interface ChangeFeed extends Changes {
  readonly store: EventStore;
  readonly hub: StreamHub;
  close(): Promise<void>;
}

/** With Redis, every instance shares the history and hears every event; without, one process. */
export async function startChangeFeed(options: {
  readonly redisUrl: string | undefined;
  readonly settings: ChangesSettings;
  readonly log: FastifyBaseLogger;
}): Promise<ChangeFeed> {
  const { settings, log } = options;
  const store = options.redisUrl
    ? await createRedisEventStore({
        url: options.redisUrl,
        history: settings.history,
        retentionMs: settings.retentionMs,
        log,
      })
    : createMemoryEventStore({ history: settings.history });
  const hub = createStreamHub({
    store,
    limits: settings.limits,
    heartbeatMs: settings.heartbeatMs,
  });
  return {
    store,
    hub,
    async publish(userId, events) {
      const list: readonly ChangeEvent[] = Array.isArray(events) ? events : [events as ChangeEvent];
      try {
        await store.append(
          userId,
          list.map((event) => ({ type: event.type, data: JSON.stringify(event.data) })),
        );
      } catch (error) {
        log.error(
          { err: error, event: "changes.publish_failed", userId, types: list.map((e) => e.type) },
          "change not published",
        );
        hub.reload(userId);
      }
    },
    async close() {
      hub.endAll("shutdown");
      hub.close();
      await store.close();
    },
  };
}

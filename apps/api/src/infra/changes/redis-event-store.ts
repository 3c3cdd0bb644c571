import { EVENT_ID_PATTERN } from "@todo/contract";
import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";
import type { StoredEvent } from "./event-id.js";
import { type EventStore, MARKER, type StoreListener } from "./event-store.js";

const KEY_PREFIX = "todo-api:changes:";
const CHANNEL = "todo-api:changes";

/**
 * Appends every event to the user's stream (exact MAXLEN: a trimmed id must really be gone), then
 * publishes it with its id, in one script: no process sees an event that a replay could not find.
 */
const APPEND = `
local ids = {}
for i = 5, #ARGV, 2 do
  local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 't', ARGV[i], 'd', ARGV[i + 1])
  ids[#ids + 1] = id
  redis.call('PUBLISH', ARGV[3], cjson.encode({ u = ARGV[4], i = id, t = ARGV[i], d = ARGV[i + 1] }))
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return ids
`;

/** The last id of a user's stream, or a marker written so that an empty stream has one. */
const HEAD = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #last > 0 then return last[1][1] end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 't', '${MARKER}', 'd', '')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return id
`;

interface ChangeCommands {
  todoChangesAppend(key: string, ...args: (string | number)[]): Promise<string[]>;
  todoChangesHead(key: string, history: number, retentionMs: number): Promise<string>;
}

export interface RedisStoreOptions {
  readonly url: string;
  readonly history: number;
  readonly retentionMs: number;
  readonly log: FastifyBaseLogger;
}

function parseMessage(text: string): { userId: string; event: StoredEvent } | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const { u, i, t, d } = value;
    if (typeof u !== "string" || typeof i !== "string" || !EVENT_ID_PATTERN.test(i)) return;
    if (typeof t !== "string" || typeof d !== "string") return;
    return { userId: u, event: { id: i, type: t, data: d } };
  } catch {
    return undefined;
  }
}

/**
 * Several processes: each user's events in a Redis stream of bounded length (the replay), and
 * every new event published on one channel that each process subscribes to (the live path).
 */
export async function createRedisEventStore(options: RedisStoreOptions): Promise<EventStore> {
  const { history, retentionMs, log } = options;
  const keyOf = (userId: string) => `${KEY_PREFIX}${userId}`;
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1 });
  redis.defineCommand("todoChangesAppend", { numberOfKeys: 1, lua: APPEND });
  redis.defineCommand("todoChangesHead", { numberOfKeys: 1, lua: HEAD });
  const commands = redis as unknown as ChangeCommands;
  const subscriber = new Redis(options.url, { maxRetriesPerRequest: null });
  const listeners: StoreListener[] = [];
  let warned = false;
  for (const connection of [redis, subscriber]) {
    connection.on("error", (error: Error) => {
      if (warned) return;
      warned = true;
      log.warn({ err: error, event: "changes.redis" }, "live-sync Redis unreachable");
    });
  }
  subscriber.on("message", (_channel: string, text: string) => {
    const message = parseMessage(text);
    if (!message) return;
    for (const listener of listeners) listener.event(message.userId, message.event);
  });
  // After every (re)connection: once the subscription is active again (a PING on the same
  // connection answers after it), open streams catch up on what the channel may have dropped.
  subscriber.on("ready", () => {
    warned = false;
    subscriber.ping().then(
      () => {
        for (const listener of listeners) listener.resync();
      },
      () => {},
    );
  });
  const subscribed = subscriber.subscribe(CHANNEL).catch(() => {
    // Reported by the error listener; ioredis subscribes again when it reconnects.
  });
  // Wait briefly for the subscription so a fresh instance hears the first events; a Redis that
  // is down does not stop the API from starting (the streams answer 503 until it is back).
  await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);

  return {
    async append(userId, events) {
      const args = events.flatMap((event) => [event.type, event.data]);
      const ids = await commands.todoChangesAppend(
        keyOf(userId),
        history,
        retentionMs,
        CHANNEL,
        userId,
        ...args,
      );
      return events.map((event, index) => ({ id: String(ids[index]), ...event }));
    },
    head: (userId) => commands.todoChangesHead(keyOf(userId), history, retentionMs),
    async since(userId, lastId) {
      const entries = await redis.xrange(keyOf(userId), lastId, "+", "COUNT", history + 1);
      if (entries[0]?.[0] !== lastId) return undefined;
      const events: StoredEvent[] = [];
      for (const [id, fields] of entries.slice(1)) {
        const type = fields[1];
        if (fields[0] !== "t" || type === undefined || type === MARKER) continue;
        events.push({ id, type, data: fields[3] ?? "" });
      }
      return events;
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

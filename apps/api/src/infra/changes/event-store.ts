import { createIdClock, type StoredEvent } from "./event-id.js";

/** An event before it has an id: its type and its data as JSON text. */
interface NewEvent {
  readonly type: string;
  readonly data: string;
}

export interface StoreListener {
  /** An event appended by any process (this one included), once per process. */
  event(userId: string, event: StoredEvent): void;
  /** Live events may have been missed (the channel reconnected): open streams catch up with since(). */
  resync(): void;
}

/**
 * Where events are kept so that a reconnecting stream can replay what it missed, and how they
 * reach every process (docs/decisions/0015-live-sync-events.md). Two implementations: Redis
 * Streams shared by every instance, or this process's memory.
 */
export interface EventStore {
  /** Appends the events in order (atomically with Redis) and announces them to every process. */
  append(userId: string, events: readonly NewEvent[]): Promise<readonly StoredEvent[]>;
  /** Where a new stream starts: the user's latest id, a marker being written if there is none. */
  head(userId: string): Promise<string>;
  /** What came after `lastId`, or undefined when `lastId` is not (or no longer) in the history. */
  since(userId: string, lastId: string): Promise<readonly StoredEvent[] | undefined>;
  subscribe(listener: StoreListener): void;
  close(): Promise<void>;
}

/** A marker entry: it gives an empty history an id to resume from; never sent to a client. */
export const MARKER = "mark";

export interface MemoryStoreOptions {
  /** Events kept per user. */
  readonly history: number;
  /** Users whose history is kept; the least recently used one is forgotten beyond it. */
  readonly maxUsers?: number;
}

/** One process, no Redis: a bounded ring per user, and users bounded too. */
export function createMemoryEventStore(options: MemoryStoreOptions): EventStore {
  const maxUsers = options.maxUsers ?? 10_000;
  const histories = new Map<string, StoredEvent[]>();
  const listeners: StoreListener[] = [];
  const nextId = createIdClock();

  const historyOf = (userId: string): StoredEvent[] => {
    const found = histories.get(userId);
    if (found) {
      // Most recently used last: the first key is the one to forget.
      histories.delete(userId);
      histories.set(userId, found);
      return found;
    }
    const created: StoredEvent[] = [];
    histories.set(userId, created);
    if (histories.size > maxUsers) {
      const oldest = histories.keys().next().value;
      if (oldest !== undefined) histories.delete(oldest);
    }
    return created;
  };
  const push = (history: StoredEvent[], event: StoredEvent) => {
    history.push(event);
    if (history.length > options.history) history.shift();
  };

  return {
    async append(userId, events) {
      const history = historyOf(userId);
      const stored = events.map((event) => ({ id: nextId(), ...event }));
      for (const event of stored) push(history, event);
      for (const event of stored) for (const listener of listeners) listener.event(userId, event);
      return stored;
    },
    async head(userId) {
      const history = historyOf(userId);
      const last = history.at(-1);
      if (last) return last.id;
      const marker = { id: nextId(), type: MARKER, data: "" };
      push(history, marker);
      return marker.id;
    },
    async since(userId, lastId) {
      const history = histories.get(userId);
      const at = history?.findIndex((event) => event.id === lastId) ?? -1;
      if (!history || at === -1) return undefined;
      return history.slice(at + 1).filter((event) => event.type !== MARKER);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      histories.clear();
    },
  };
}

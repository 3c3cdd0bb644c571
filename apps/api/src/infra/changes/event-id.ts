import { EVENT_ID_MAX_LENGTH, EVENT_ID_PATTERN } from "@todo/contract";

/** An event as kept and sent: its id, its type and its data as JSON text (serialised once). */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
}

/**
 * A client's `Last-Event-ID`, treated as hostile input: a well-formed id, or undefined for
 * anything else (too long, wrong shape, several values). The caller answers `reload` then.
 */
export function parseLastEventId(header: string | string[] | undefined): string | undefined {
  if (typeof header !== "string" || header.length > EVENT_ID_MAX_LENGTH) return undefined;
  return EVENT_ID_PATTERN.test(header) ? header : undefined;
}

/** Ids in Redis's shape for the in-memory store: increasing within a process, even if the clock steps back. */
export function createIdClock(now: () => number = Date.now): () => string {
  let lastMs = 0;
  let seq = 0;
  return () => {
    const ms = Math.max(now(), lastMs);
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    return `${ms}-${seq}`;
  };
}

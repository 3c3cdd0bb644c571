import { type Revocation, refuses } from "@todo/db/revocations";
import type { StoredEvent } from "./event-id.js";
import type { EventStore } from "./event-store.js";

/** Why a stream ended, for its log line. */
export type EndReason = "client" | "expired" | "revoked" | "shutdown" | "overflow" | "error";

/** One open `GET /api/events` stream, as the hub sees it (routes/events/event-stream.ts). */
export interface StreamSink {
  readonly userId: string;
  readonly sessionId: string;
  /** The token's `iat`: an account revocation ends the streams of tokens issued up to its time. */
  readonly issuedAt: number;
  readonly address: string;
  deliver(event: StoredEvent): void;
  /** Catch up from the store after the live channel may have dropped events. */
  resync(): void;
  heartbeat(): void;
  /** Something was missed that cannot be replayed: the client loads afresh. */
  reload(): void;
  end(reason: EndReason): void;
}

export interface StreamLimits {
  readonly perUser: number;
  readonly perAddress: number;
}

export interface StreamHub {
  /** Registers the stream unless its user or address is at its limit (false: answer 429). */
  add(sink: StreamSink): boolean;
  remove(sink: StreamSink): void;
  /** Open streams of a user in this process. */
  count(userId: string): number;
  /** Open streams in this process, all users together (metrics). */
  total(): number;
  /** Tells every stream of the user here to load afresh (a change could not be published). */
  reload(userId: string): void;
  /** Ends the streams a revocation entry covers (fed by the revocation set's listener). */
  revoke(entry: Revocation): void;
  /** Ends every stream (shutdown): each is told when to reconnect. */
  endAll(reason: EndReason): void;
  close(): void;
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

/**
 * This process's open streams, by user: each event from the store goes to every stream of its
 * user here (once: the store announces it once per process, and a stream drops ids it has sent).
 * The limits are per process, which is what bounds this process's memory and file descriptors.
 */
export function createStreamHub(options: {
  readonly store: EventStore;
  readonly limits: StreamLimits;
  readonly heartbeatMs: number;
}): StreamHub {
  const { store, limits } = options;
  const byUser = new Map<string, Set<StreamSink>>();
  const perAddress = new Map<string, number>();

  store.subscribe({
    event(userId, event) {
      const sinks = byUser.get(userId);
      if (sinks) for (const sink of sinks) sink.deliver(event);
    },
    resync() {
      for (const sinks of byUser.values()) for (const sink of sinks) sink.resync();
    },
  });
  const everySink = () => [...byUser.values()].flatMap((sinks) => [...sinks]);
  // One timer for every stream: a comment line keeps proxies from closing an idle stream.
  const timer = setInterval(() => {
    for (const sink of everySink()) sink.heartbeat();
  }, options.heartbeatMs);
  timer.unref();

  return {
    add(sink) {
      const sinks = byUser.get(sink.userId);
      if ((sinks?.size ?? 0) >= limits.perUser) return false;
      if ((perAddress.get(sink.address) ?? 0) >= limits.perAddress) return false;
      if (sinks) sinks.add(sink);
      else byUser.set(sink.userId, new Set([sink]));
      increment(perAddress, sink.address, 1);
      return true;
    },
    remove(sink) {
      const sinks = byUser.get(sink.userId);
      if (!sinks?.delete(sink)) return;
      if (sinks.size === 0) byUser.delete(sink.userId);
      increment(perAddress, sink.address, -1);
    },
    count: (userId) => byUser.get(userId)?.size ?? 0,
    total: () => {
      let open = 0;
      for (const sinks of byUser.values()) open += sinks.size;
      return open;
    },
    reload(userId) {
      for (const sink of byUser.get(userId) ?? []) sink.reload();
    },
    revoke(entry) {
      if ("sessionId" in entry) {
        for (const sink of everySink()) if (sink.sessionId === entry.sessionId) sink.end("revoked");
        return;
      }
      for (const sink of [...(byUser.get(entry.userId) ?? [])]) {
        if (refuses(entry, sink.sessionId, sink.userId, sink.issuedAt)) sink.end("revoked");
      }
    },
    endAll(reason) {
      for (const sink of everySink()) sink.end(reason);
    },
    close() {
      clearInterval(timer);
    },
  };
}

import type { ServerResponse } from "node:http";
import { compareEventIds } from "@todo/contract";
import type { Principal } from "../../infra/authenticate.js";
import { parseLastEventId, type StoredEvent } from "../../infra/changes/event-id.js";
import type { EventStore } from "../../infra/changes/event-store.js";
import type { EndReason, StreamSink } from "../../infra/changes/stream-hub.js";

/** A client that reads slower than this is behind by much: it is cut off and resumes later. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Events arriving while the stream starts (its replay is being read) wait here, up to this many. */
const MAX_PENDING = 1000;
/** When a client reconnects after a normal end (the browser's own rule; ours follows it too). */
const RETRY_MS = 1000;
/** Published types are ours (ChangeEventSchema); anything else never reaches the wire. */
const EVENT_TYPE = /^[a-z]+(\.[a-z]+)*$/;

export interface EventStreamOptions {
  readonly res: ServerResponse;
  readonly principal: Principal;
  readonly address: string;
  readonly store: EventStore;
  readonly onEnd: (reason: EndReason, sent: number) => void;
}

type Opening = { replay: readonly StoredEvent[]; lastId: string; control: "ready" | "reload" };

/**
 * One `GET /api/events` response. It starts by reading what the client missed (Last-Event-ID)
 * while live events wait, then sends those, then the live ones; ids already sent are dropped, so
 * an event reaches the stream once however it arrives (replay, live, catch-up).
 */
export class EventStream implements StreamSink {
  readonly userId: string;
  readonly sessionId: string;
  readonly issuedAt: number;
  readonly address: string;
  #state: "opening" | "live" | "ended" = "opening";
  #endReason: EndReason | undefined;
  #pending: StoredEvent[] = [];
  #lastId = "0-0";
  #sent = 0;
  #catchingUp = false;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  readonly #options: EventStreamOptions;

  constructor(options: EventStreamOptions) {
    this.#options = options;
    this.userId = options.principal.userId;
    this.sessionId = options.principal.sessionId;
    this.issuedAt = options.principal.issuedAt;
    this.address = options.address;
  }

  get ended(): boolean {
    return this.#state === "ended";
  }

  /** Why the stream ended (undefined while it is open). */
  get endReason(): EndReason | undefined {
    return this.#endReason;
  }

  /**
   * Reads where the stream starts. A valid, known Last-Event-ID resumes after it; no id, or one
   * that is malformed, unknown or trimmed away, starts at the head (`ready` or `reload`).
   * Throws when the store cannot be read (the route answers 503, nothing written yet).
   */
  async prepare(lastEventIdHeader: string | string[] | undefined): Promise<Opening> {
    const { store } = this.#options;
    const lastEventId = parseLastEventId(lastEventIdHeader);
    if (lastEventId !== undefined) {
      const replay = await store.since(this.userId, lastEventId);
      if (replay) return { replay, lastId: lastEventId, control: "ready" };
    }
    const head = await store.head(this.userId);
    const asked = lastEventIdHeader !== undefined;
    return { replay: [], lastId: head, control: asked ? "reload" : "ready" };
  }

  /** Headers are sent: the opening, then whatever arrived meanwhile, then live. */
  begin(opening: Opening): void {
    if (this.#state !== "opening") return;
    const { res, principal } = this.#options;
    this.#write(`retry: ${RETRY_MS}\n\n`);
    if (opening.control === "reload") {
      this.#lastId = opening.lastId;
      this.#frame(opening.lastId, "reload", "{}");
    } else {
      this.#lastId = opening.lastId;
      for (const event of opening.replay) this.#send(event);
      this.#frame(this.#lastId, "ready", "{}");
    }
    this.#state = "live";
    for (const event of this.#pending) this.#send(event);
    this.#pending = [];
    // The stream obeys its token: it ends when the token does (docs/security.md).
    this.#expiry = setTimeout(
      () => this.end("expired"),
      Math.max(0, principal.expiresAt.getTime() - Date.now()),
    );
    res.once("close", () => this.end("client"));
    if (res.destroyed) this.end("client");
  }

  deliver(event: StoredEvent): void {
    if (this.#state === "opening") {
      if (this.#pending.length < MAX_PENDING) this.#pending.push(event);
      else this.end("overflow");
      return;
    }
    if (this.#state === "live") this.#send(event);
  }

  resync(): void {
    if (this.#state !== "live" || this.#catchingUp) return;
    this.#catchingUp = true;
    const { store } = this.#options;
    store
      .since(this.userId, this.#lastId)
      .then(async (missed) => {
        if (missed) for (const event of missed) this.deliver(event);
        else if (this.#state === "live") {
          this.#lastId = await store.head(this.userId);
          this.#frame(this.#lastId, "reload", "{}");
        }
      })
      .catch(() => this.end("error"))
      .finally(() => {
        this.#catchingUp = false;
      });
  }

  reload(): void {
    if (this.#state === "live") this.#write("event: reload\ndata: {}\n\n");
  }

  heartbeat(): void {
    if (this.#state === "live") this.#write(": keep-alive\n\n");
  }

  end(reason: EndReason): void {
    if (this.#state === "ended") return;
    const begun = this.#state === "live";
    this.#state = "ended";
    this.#endReason = reason;
    this.#pending = [];
    clearTimeout(this.#expiry);
    const { res } = this.#options;
    // Before it began, the response is still the route's (an error answer); after, it is ours.
    if (begun) {
      // Spread the reconnections of a whole instance's clients over a few seconds.
      if (reason === "shutdown")
        res.write(`retry: ${RETRY_MS + Math.floor(Math.random() * 4000)}\n\n`);
      if (!res.writableEnded) res.end();
    }
    this.#options.onEnd(reason, begun ? this.#sent : -1);
  }

  #send(event: StoredEvent): void {
    if (compareEventIds(event.id, this.#lastId) <= 0 || !EVENT_TYPE.test(event.type)) return;
    this.#lastId = event.id;
    this.#sent++;
    this.#frame(event.id, event.type, event.data);
  }

  #frame(id: string, type: string, data: string): void {
    // JSON text has no raw line breaks, so one `data:` line carries it.
    this.#write(`id: ${id}\nevent: ${type}\ndata: ${data}\n\n`);
  }

  #write(text: string): void {
    const { res } = this.#options;
    if (res.writableEnded || res.destroyed) return;
    res.write(text);
    if (res.writableLength > MAX_BUFFERED_BYTES && this.#state !== "ended") this.end("overflow");
  }
}

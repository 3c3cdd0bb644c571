import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type EventServer, frame, Inbox, startEventServer } from "@/test/event-server";
import { AccessTokenManager } from "../access-token";
import { startLiveSync } from "./live-sync";

type Grant = (lock: { name: string; mode: "exclusive" }) => Promise<unknown>;

/**
 * Web Locks' exclusive mode as one browser keeps it (a browser's, not Node 24's own): one holder
 * per name, the others queued in order; a holder keeps the lock until its callback's promise
 * settles; aborting a queued request rejects it and takes it out of the queue.
 */
class MemoryLocks {
  readonly #held = new Set<string>();
  readonly #queue: Array<{ name: string; grant: () => void }> = [];

  request(name: string, options: { signal?: AbortSignal }, callback: Grant): Promise<unknown> {
    const { signal } = options;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const release = () => {
        this.#held.delete(name);
        this.#grantNext(name);
      };
      const entry = {
        name,
        grant: () => {
          signal?.removeEventListener("abort", withdraw);
          this.#held.add(name);
          Promise.resolve()
            .then(() => callback({ name, mode: "exclusive" }))
            .then(
              (value) => {
                release();
                resolve(value);
              },
              (error: unknown) => {
                release();
                reject(error);
              },
            );
        },
      };
      const withdraw = () => {
        this.#queue.splice(this.#queue.indexOf(entry), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", withdraw, { once: true });
      this.#queue.push(entry);
      this.#grantNext(name);
    });
  }

  async query(): Promise<{ held: string[]; pending: string[] }> {
    return { held: [...this.#held], pending: this.#queue.map((entry) => entry.name) };
  }

  #grantNext(name: string): void {
    if (this.#held.has(name)) return;
    const index = this.#queue.findIndex((entry) => entry.name === name);
    if (index === -1) return;
    const [entry] = this.#queue.splice(index, 1);
    entry?.grant();
  }
}

describe("live sync across the tabs of a browser", () => {
  let server: EventServer;
  let userId: string;
  const stops: Array<() => void> = [];

  /** A tab of the tasks page: its own token memory (`<name>-1` …), the browser's channel and locks. */
  function openTab(name: string) {
    let issued = 0;
    const tokens = new AccessTokenManager({
      fetchToken: async () => ({
        token: `${name}-${++issued}`,
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
      }),
    });
    const inbox = new Inbox();
    const stop = startLiveSync({
      userId,
      baseUrl: server.url,
      tokens,
      onMessage: inbox.push,
      onSignedOut: () => {},
    });
    stops.push(stop);
    return { inbox, stop };
  }

  beforeEach(async () => {
    server = await startEventServer();
    userId = randomUUID();
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    vi.unstubAllGlobals();
    await server.close();
  });

  describe("with Web Locks", () => {
    let locks: MemoryLocks;
    beforeEach(() => {
      locks = new MemoryLocks();
      vi.stubGlobal("navigator", { locks });
    });

    it("one tab follows the stream and passes each event to the others", async () => {
      const first = openTab("first");
      const second = openTab("second");
      const stream = await server.next();
      expect(stream.authorization).toBe("Bearer first-1");
      expect(await locks.query()).toEqual({
        held: [`todo-live:${userId}`],
        pending: [`todo-live:${userId}`],
      });
      stream.open();
      await stream.write(frame("1-0", "ready") + frame("2-0", "task.created", '{"n":2}'));
      await first.inbox.until(2);
      await second.inbox.until(2);
      const expected = [
        { kind: "resync", id: "1-0" },
        { kind: "change", id: "2-0", event: "task.created", data: '{"n":2}' },
      ];
      expect(first.inbox.messages).toEqual(expected);
      expect(second.inbox.messages).toEqual(expected);
      expect(server.count).toBe(1);
    });

    it("when the leading tab closes, a waiting tab takes over from the last id it heard", async () => {
      const first = openTab("first");
      const second = openTab("second");
      const stream = await server.next();
      stream.open();
      await stream.write(frame("1-0", "ready") + frame("2-0", "task.created", '{"n":2}'));
      await second.inbox.until(2);

      first.stop();
      await stream.closed;
      const takeover = await server.next();
      expect(takeover.authorization).toBe("Bearer second-1");
      expect(takeover.lastEventId).toBe("2-0");
      takeover.open();
      await takeover.write(frame("2-0", "ready") + frame("3-0", "task.deleted", '{"n":3}'));
      await second.inbox.until(3);
      expect(second.inbox.messages.map((message) => message.id)).toEqual(["1-0", "2-0", "3-0"]);
      expect(first.inbox.messages.map((message) => message.id)).toEqual(["1-0", "2-0"]);
    });

    it("takes nothing from the channel that is not an event", async () => {
      openTab("first");
      const second = openTab("second");
      await server.next();
      const stranger = new BroadcastChannel(`todo-live:${userId}`);
      try {
        stranger.postMessage({ kind: "change", id: "5-0", event: "task.created" });
        stranger.postMessage({ kind: "token", id: "5-0", token: "x" });
        stranger.postMessage("reload");
        stranger.postMessage({ kind: "resync", id: "6-0" });
        await second.inbox.until(1);
      } finally {
        stranger.close();
      }
      expect(second.inbox.messages).toEqual([{ kind: "resync", id: "6-0" }]);
    });
  });

  it("without Web Locks, each tab follows its own stream and shares nothing", async () => {
    // Node 24 has a navigator.locks of its own; a browser without Web Locks has none.
    vi.stubGlobal("navigator", {});
    const channelName = `todo-live:${userId}`;
    const observer = new BroadcastChannel(channelName);
    const heard: unknown[] = [];
    const marked = new Promise<void>((resolve) => {
      observer.onmessage = (event: MessageEvent<unknown>) => {
        if (event.data === "marker") resolve();
        else heard.push(event.data);
      };
    });
    const first = openTab("first");
    const second = openTab("second");
    const requests = [await server.next(), await server.next()];
    const byTab = (name: string) => {
      const request = requests.find((each) => each.authorization === `Bearer ${name}-1`);
      if (!request) throw new Error(`no stream for ${name}`);
      request.open();
      return request;
    };
    const firstStream = byTab("first");
    const secondStream = byTab("second");
    await firstStream.write(frame("1-0", "ready") + frame("2-0", "task.created", '{"n":2}'));
    await first.inbox.until(2);
    await secondStream.write(frame("1-0", "ready") + frame("3-0", "task.updated", '{"n":3}'));
    await second.inbox.until(2);
    // Posted after whatever the tabs could have posted, so it arrives after it.
    const probe = new BroadcastChannel(channelName);
    probe.postMessage("marker");
    await marked;
    probe.close();
    observer.close();
    expect(heard).toEqual([]);
    expect(first.inbox.messages.map((message) => message.id)).toEqual(["1-0", "2-0"]);
    expect(second.inbox.messages.map((message) => message.id)).toEqual(["1-0", "3-0"]);
  });
});

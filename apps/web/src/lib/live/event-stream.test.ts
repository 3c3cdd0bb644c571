import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type EventServer, frame, Inbox, startEventServer } from "@/test/event-server";
import { AccessTokenManager, type IssuedToken, SignedOutError } from "../access-token";
import { followEvents } from "./event-stream";
import type { Clock } from "./reconnect";

/**
 * The stream's own time: a wait is held until the test lets it pass, and the clock moves on by
 * it. Whole seconds, as HTTP dates have.
 */
class TestClock implements Clock {
  #now = Math.floor(Date.now() / 1000) * 1000;
  readonly #held: Array<{ ms: number; resume: () => void }> = [];
  readonly #takers: Array<() => void> = [];
  /** Every wait the stream asked for, in order. */
  readonly asked: number[] = [];

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  wait(ms: number, signal: AbortSignal): Promise<void> {
    this.asked.push(ms);
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
      this.#held.push({ ms, resume: resolve });
      this.#takers.shift()?.();
    });
  }

  /** Lets the stream's next wait pass; says how long it was. */
  async pass(): Promise<number> {
    if (this.#held.length === 0) await new Promise<void>((wake) => this.#takers.push(wake));
    const held = this.#held.shift() as { ms: number; resume: () => void };
    this.#now += held.ms;
    held.resume();
    return held.ms;
  }
}

/** A token endpoint as the web app has it: `<prefix>-1`, `<prefix>-2` …, each for 15 minutes. */
function tokenSource(clock: TestClock, prefix = "token") {
  let issued = 0;
  const answers: Array<Error | { gate: Promise<void>; asked: () => void }> = [];
  const tokens = new AccessTokenManager({
    now: () => clock.now(),
    fetchToken: async (): Promise<IssuedToken> => {
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      if (answer) {
        answer.asked();
        await answer.gate;
      }
      issued++;
      return {
        token: `${prefix}-${issued}`,
        expiresAt: new Date(clock.now() + 900_000).toISOString(),
      };
    },
  });
  return {
    tokens,
    /** The next fetch fails with `error`. */
    refuseNext: (error: Error) => answers.push(error),
    /** The next fetch waits for `release`; `asked` resolves when it has begun. */
    holdNext: () => {
      let release: () => void = () => {};
      let asked: () => void = () => {};
      const begun = new Promise<void>((resolve) => (asked = resolve));
      answers.push({ gate: new Promise<void>((resolve) => (release = resolve)), asked });
      return { release: () => release(), asked: begun };
    },
  };
}

function follow(server: EventServer, clock: TestClock, source = tokenSource(clock)) {
  const controller = new AbortController();
  const inbox = new Inbox();
  let lastId: string | undefined;
  let signedOut = 0;
  const stopped = followEvents({
    baseUrl: server.url,
    tokens: source.tokens,
    clock,
    lastEventId: () => lastId,
    onMessage: (message) => {
      lastId = message.id;
      inbox.push(message);
    },
    onSignedOut: () => signedOut++,
    signal: controller.signal,
  });
  return {
    ...source,
    inbox,
    stopped,
    stop: () => controller.abort(),
    signedOut: () => signedOut,
  };
}

describe("following the event stream", () => {
  let server: EventServer;
  let clock: TestClock;
  const followers: Array<ReturnType<typeof follow>> = [];
  const start = (source?: ReturnType<typeof tokenSource>) => {
    const follower = follow(server, clock, source);
    followers.push(follower);
    return follower;
  };

  beforeEach(async () => {
    server = await startEventServer();
    clock = new TestClock();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    for (const follower of followers.splice(0)) {
      follower.stop();
      await follower.stopped;
    }
    await server.close();
  });

  it("reads messages split anywhere, skips comments, takes retry:, and drops a message cut off by the end", async () => {
    const { inbox } = start();
    const first = await server.next();
    expect(first.lastEventId).toBeUndefined();
    expect(first.authorization).toBe("Bearer token-1");
    first.open();
    await first.write("retry: 1500\n\n: keep-alive\n\nid: 5-0\nev");
    await first.write("ent: ready\ndata: {}\n\n");
    await first.write(": heartbeat\n\nid: 6-0\nevent: task.created\ndata: first line\r\ndata: caf");
    const rest = new TextEncoder().encode("é ✓\n\n");
    await first.write(rest.slice(0, 4)); // "é" and the first byte of "✓"
    await first.write(rest.slice(4));
    await first.write('id: 7-0\nevent: task.updated\ndata: {"title":"cut');
    await inbox.until(2);
    first.end();

    // Ended at once: it waits the stream's own retry: (longer than the first step of backoff).
    expect(await clock.pass()).toBe(1500);
    const second = await server.next();
    expect(second.lastEventId).toBe("6-0");
    expect(inbox.messages).toEqual([
      { kind: "resync", id: "5-0" },
      { kind: "change", id: "6-0", event: "task.created", data: "first line\ncafé ✓" },
    ]);
  });

  it("resumes with Last-Event-ID after a dropped connection and drops an event it has seen", async () => {
    const { inbox } = start();
    const first = await server.next();
    first.open();
    await first.write(frame("1-0", "ready") + frame("2-0", "task.created", '{"n":2}'));
    await inbox.until(2);
    clock.advance(60_000);
    first.drop();

    // A stream that lived a while is followed at once, with the same token.
    expect(await clock.pass()).toBe(0);
    const second = await server.next();
    expect(second.lastEventId).toBe("2-0");
    expect(second.authorization).toBe("Bearer token-1");
    second.open();
    await second.write(
      frame("2-0", "task.created", '{"n":2}') +
        frame("3-0", "task.updated", '{"n":3}') +
        frame("3-0", "ready") +
        frame("9-0", "reload"),
    );
    await inbox.until(4);
    expect(inbox.messages).toEqual([
      { kind: "resync", id: "1-0" },
      { kind: "change", id: "2-0", event: "task.created", data: '{"n":2}' },
      { kind: "change", id: "3-0", event: "task.updated", data: '{"n":3}' },
      { kind: "resync", id: "9-0" },
    ]);
  });

  it("backs off 1, 2, 4, 8, 16, 30 and 30 s while connections fail, and from 1 s again after a stream that lived", async () => {
    const { inbox } = start();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const request = await server.next();
      if (attempt === 1) request.drop();
      else request.refuse(attempt === 2 ? 500 : 503);
      waits.push(await clock.pass());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);

    const stream = await server.next();
    stream.open();
    await stream.write(frame("1-0", "ready"));
    await inbox.until(1);
    clock.advance(10_000);
    stream.end();
    expect(await clock.pass()).toBe(0);
    (await server.next()).refuse(503);
    expect(await clock.pass()).toBe(1000);
  });

  it("waits what a retry: sent with the stream's end asks, as at a server's shutdown", async () => {
    const { inbox } = start();
    const stream = await server.next();
    stream.open();
    await stream.write(`retry: 1000\n\n${frame("1-0", "ready")}`);
    await inbox.until(1);
    clock.advance(60_000);
    await stream.write("retry: 3500\n\n");
    stream.end();
    expect(await clock.pass()).toBe(3500);
    expect((await server.next()).lastEventId).toBe("1-0");
  });

  it("counts a stream that ends as soon as it opens as a failure", async () => {
    start();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const request = await server.next();
      request.open();
      await request.write("retry: 1000\n\n");
      request.end();
      waits.push(await clock.pass());
    }
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("honours Retry-After: seconds past the backoff's cap, an HTTP date, at most ten minutes", async () => {
    start();
    const answers: Array<string | (() => string)> = [
      "30",
      "120",
      () => new Date(clock.now() + 45_000).toUTCString(),
      "86400",
      "soon",
    ];
    const waits: number[] = [];
    for (const answer of answers) {
      const request = await server.next();
      request.refuse(429, { "retry-after": typeof answer === "string" ? answer : answer() });
      waits.push(await clock.pass());
    }
    // The last is unreadable: the backoff's own fifth step.
    expect(waits).toEqual([30_000, 120_000, 45_000, 600_000, 16_000]);
  });

  it("answers a 401 with one refreshed token, at once", async () => {
    const { inbox, signedOut } = start();
    const first = await server.next();
    expect(first.authorization).toBe("Bearer token-1");
    first.refuse(401);
    const second = await server.next();
    expect(second.authorization).toBe("Bearer token-2");
    second.open();
    await second.write(frame("1-0", "ready"));
    await inbox.until(1);
    expect(clock.asked).toEqual([]);
    expect(signedOut()).toBe(0);
  });

  it("signs out, drops the token and stops after a second 401 in a row", async () => {
    const { stopped, signedOut, tokens } = start();
    (await server.next()).refuse(401);
    (await server.next()).refuse(401);
    await stopped;
    expect(signedOut()).toBe(1);
    expect(tokens.hasToken).toBe(false);
    expect(server.count).toBe(2);
  });

  it("signs out without another request when the session is gone at the refresh", async () => {
    const source = tokenSource(clock);
    await source.tokens.get();
    source.refuseNext(new SignedOutError());
    const { stopped, signedOut } = start(source);
    (await server.next()).refuse(401);
    await stopped;
    expect(signedOut()).toBe(1);
    expect(server.count).toBe(1);
  });

  describe("before its token is due", () => {
    /** A stream whose token is past its refresh time when it opens, with the fresh token held. */
    async function switching() {
      const source = tokenSource(clock);
      await source.tokens.get();
      const held = source.holdNext();
      const follower = start(source);
      const first = await server.next();
      expect(first.authorization).toBe("Bearer token-1");
      clock.advance(850_000);
      first.open();
      await first.write(frame("1-0", "ready") + frame("2-0", "task.created", '{"n":2}'));
      await follower.inbox.until(2);
      held.release();
      const second = await server.next();
      expect(second.authorization).toBe("Bearer token-2");
      expect(second.lastEventId).toBe("2-0");
      return { ...follower, first, second };
    }

    it("opens a second stream with a fresh token, and closes the first once the second speaks", async () => {
      const { inbox, first, second } = await switching();
      await first.write(frame("3-0", "task.updated", '{"n":3}'));
      await inbox.until(3);
      second.open();
      await second.write(frame("3-0", "task.updated", '{"n":3}') + frame("3-0", "ready"));
      await first.closed;
      await second.write(frame("4-0", "task.deleted", '{"n":4}'));
      await inbox.until(4);
      expect(inbox.messages.map((message) => message.id)).toEqual(["1-0", "2-0", "3-0", "4-0"]);
      expect(clock.asked).toEqual([]);
    });

    it("opens one stream, not two, when the first ends while its fresh token is on its way", async () => {
      const source = tokenSource(clock);
      await source.tokens.get();
      const held = source.holdNext();
      const { inbox } = start(source);
      const first = await server.next();
      clock.advance(850_000);
      first.open();
      await first.write(frame("1-0", "ready"));
      await inbox.until(1);
      await held.asked;
      clock.advance(60_000);
      first.end();
      expect(await clock.pass()).toBe(0);
      // Every request the follower makes from here on is made before the first reaches the server.
      const requests = vi.spyOn(globalThis, "fetch");
      held.release();
      const second = await server.next();
      expect(second.authorization).toBe("Bearer token-2");
      expect(requests).toHaveBeenCalledTimes(1);
      second.open();
      await second.write(frame("1-0", "ready") + frame("2-0", "task.created", '{"n":2}'));
      await inbox.until(2);
    });

    it("closes the first stream too when the fresh token is refused twice", async () => {
      const { stopped, signedOut, first, second } = await switching();
      second.refuse(401);
      const third = await server.next();
      expect(third.authorization).toBe("Bearer token-3");
      third.refuse(401);
      await first.closed;
      await stopped;
      expect(signedOut()).toBe(1);
    });
  });

  it("stops: closes the open stream and waits for nothing", async () => {
    const { inbox, stop, stopped } = start();
    const stream = await server.next();
    stream.open();
    await stream.write(frame("1-0", "ready"));
    await inbox.until(1);
    stop();
    await stream.closed;
    await stopped;
    expect(clock.asked).toEqual([]);
    expect(server.count).toBe(1);
  });

  it("stops while a connection is being made, without a wait after it", async () => {
    const { stop, stopped } = start();
    const request = await server.next();
    stop();
    await request.closed;
    await stopped;
    expect(clock.asked).toEqual([]);
  });

  it("opens no connection when stopped while its token is on its way", async () => {
    const source = tokenSource(clock);
    const held = source.holdNext();
    const { stop, stopped } = start(source);
    stop();
    held.release();
    await stopped;
    // Another follower's request is the first the server sees.
    start(tokenSource(clock, "other"));
    expect((await server.next()).authorization).toBe("Bearer other-1");
    expect(server.count).toBe(1);
  });
});

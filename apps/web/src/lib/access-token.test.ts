import { describe, expect, it } from "vitest";
import { AccessTokenManager, type IssuedToken, SignedOutError } from "./access-token";

function setup(lifetimeMs = 900_000) {
  let now = 1_000_000;
  let issued = 0;
  const calls: Array<(value: IssuedToken) => void> = [];
  const manager = new AccessTokenManager({
    now: () => now,
    fetchToken: () =>
      new Promise<IssuedToken>((resolve) => {
        issued++;
        calls.push(resolve);
      }),
  });
  const answer = () => {
    const resolve = calls.shift();
    resolve?.({ token: `t${issued}`, expiresAt: new Date(now + lifetimeMs).toISOString() });
  };
  return { manager, answer, advance: (ms: number) => (now += ms), issued: () => issued };
}

describe("AccessTokenManager", () => {
  it("fetches once and serves the cached token until shortly before expiry", async () => {
    const { manager, answer, advance, issued } = setup();
    const first = manager.get();
    answer();
    expect(await first).toBe("t1");
    advance(830_000); // 70 s before expiry: still fine (margin is 60 s)
    expect(await manager.get()).toBe("t1");
    advance(15_000); // 55 s before expiry: refresh
    const next = manager.get();
    answer();
    expect(await next).toBe("t2");
    expect(issued()).toBe(2);
  });

  it("uses a fifth of a short lifetime as its margin", async () => {
    const { manager, answer, advance } = setup(10_000);
    const first = manager.get();
    answer();
    await first;
    advance(6_000); // 4 s before expiry: the margin is 2 s, so still cached
    expect(await manager.get()).toBe("t1");
    advance(2_500); // 1.5 s before expiry: within the last fifth
    const next = manager.get();
    answer();
    expect(await next).toBe("t2");
  });

  it("lets concurrent callers share one refresh", async () => {
    const { manager, answer, issued } = setup();
    const all = Promise.all([manager.get(), manager.get(), manager.refresh(), manager.get()]);
    answer();
    expect(await all).toEqual(["t1", "t1", "t1", "t1"]);
    expect(issued()).toBe(1);
  });

  it("drops the token on clear, and a refresh in flight at sign-out is not kept", async () => {
    const { manager, answer } = setup();
    const first = manager.get();
    answer();
    await first;
    expect(manager.hasToken).toBe(true);
    const inflight = manager.refresh();
    manager.clear();
    expect(manager.hasToken).toBe(false);
    answer();
    await expect(inflight).rejects.toBeInstanceOf(SignedOutError);
    expect(manager.hasToken).toBe(false);
  });

  it("fetches nothing once ended (a sign-out under way), until a new session starts", async () => {
    const { manager, answer, issued } = setup();
    const first = manager.get();
    answer();
    await first;
    manager.end();
    expect(manager.ended).toBe(true);
    expect(manager.hasToken).toBe(false);
    await expect(manager.get()).rejects.toBeInstanceOf(SignedOutError);
    await expect(manager.refresh()).rejects.toBeInstanceOf(SignedOutError);
    await expect(manager.authorize(async () => new Response(null))).rejects.toBeInstanceOf(
      SignedOutError,
    );
    expect(issued()).toBe(1);
    manager.clear();
    expect(manager.ended).toBe(true);
    manager.start();
    expect(manager.ended).toBe(false);
    const next = manager.get();
    answer();
    expect(await next).toBe("t2");
  });
});

describe("AccessTokenManager.authorize", () => {
  /** A manager whose token endpoint answers at once with t1, t2, …, or refuses the session. */
  function instant(refuseAfter = Number.POSITIVE_INFINITY) {
    let issued = 0;
    return new AccessTokenManager({
      fetchToken: async () => {
        if (issued >= refuseAfter) throw new SignedOutError();
        issued++;
        return { token: `t${issued}`, expiresAt: new Date(Date.now() + 900_000).toISOString() };
      },
    });
  }
  const answer = (status: number) => new Response(status === 204 ? null : "{}", { status });

  it("retries a 401 once with a refreshed token", async () => {
    const manager = instant();
    const sent: string[] = [];
    const response = await manager.authorize(async (token) => {
      sent.push(token);
      return answer(sent.length === 1 ? 401 : 200);
    });
    expect(response.status).toBe(200);
    expect(sent).toEqual(["t1", "t2"]);
  });

  it("drops the token and signs out on a second 401 in a row", async () => {
    const manager = instant();
    const sent: string[] = [];
    await expect(
      manager.authorize(async (token) => {
        sent.push(token);
        return answer(401);
      }),
    ).rejects.toBeInstanceOf(SignedOutError);
    expect(sent).toEqual(["t1", "t2"]);
    expect(manager.hasToken).toBe(false);
  });

  it("signs out when the session refuses the refresh, without a second try", async () => {
    const manager = instant(1);
    let calls = 0;
    await expect(
      manager.authorize(async () => {
        calls++;
        return answer(401);
      }),
    ).rejects.toBeInstanceOf(SignedOutError);
    expect(calls).toBe(1);
    expect(manager.hasToken).toBe(false);
  });

  it("leaves every other answer to the caller, errors included", async () => {
    const manager = instant();
    expect((await manager.authorize(async () => answer(429))).status).toBe(429);
    await expect(
      manager.authorize(async () => {
        throw new TypeError("network");
      }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

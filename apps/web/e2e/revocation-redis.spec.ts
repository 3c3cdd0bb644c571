import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { bearerFor, newAccount, signUpWith } from "./support/fixtures";
import { API_PORT, API_URL, restartApi, restartWeb, WEB_URL } from "./support/services";

/**
 * Both services pushing and receiving revocations through a Redis of this spec's own, which it
 * stops and starts again mid-test: the table is the record, so nothing is lost.
 */
const REDIS_PORT = API_PORT + 2300;
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;

async function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  // Ready once it accepts a connection.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(REDIS_PORT, "127.0.0.1");
      const settle = (value: boolean) => () => {
        socket.destroy();
        resolve(value);
      };
      socket.once("connect", settle(true)).once("error", settle(false));
    });
    if (accepted) return child;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stopRedis(redis: ChildProcess): Promise<void> {
  if (redis.exitCode !== null) return;
  redis.kill("SIGKILL");
  await once(redis, "exit");
}

test.describe("revocations while Redis goes away and comes back", () => {
  let redis: ChildProcess;
  test.beforeAll(async () => {
    redis = await startRedis();
    await Promise.all([restartWeb({ REDIS_URL }), restartApi({ REDIS_URL })]);
  });
  test.afterAll(async () => {
    await stopRedis(redis);
    await Promise.all([restartWeb(), restartApi()]);
  });

  test("no sign-out is lost, and the push works again once Redis is back", async ({
    playwright,
  }) => {
    const account = newAccount("Redis Outage");
    const first = await playwright.request.newContext();
    await signUpWith(first, account);
    const firstToken = await bearerFor(first);
    const status = async (headers: { authorization: string }) =>
      (await first.get(`${API_URL}/api/me`, { headers })).status();
    expect(await status(firstToken)).toBe(200);

    await stopRedis(redis);
    const signOut = await first.post(`${WEB_URL}/api/auth/sign-out`, {
      headers: { origin: WEB_URL },
      data: {},
    });
    expect(signOut.status()).toBe(200);
    // Nobody could push it: the API finds it in the table.
    await expect.poll(() => status(firstToken), { timeout: 5000 }).toBe(401);

    redis = await startRedis();
    const second = { context: await playwright.request.newContext() };
    const signIn = await second.context.post(`${WEB_URL}/api/auth/sign-in/email`, {
      headers: { origin: WEB_URL },
      data: { email: account.email, password: account.password },
    });
    expect(signIn.status()).toBe(200);
    const secondToken = await bearerFor(second.context);
    expect(await status(secondToken)).toBe(200);
    expect(
      (
        await second.context.post(`${WEB_URL}/api/auth/sign-out`, {
          headers: { origin: WEB_URL },
          data: {},
        })
      ).status(),
    ).toBe(200);
    await expect.poll(() => status(secondToken), { timeout: 5000 }).toBe(401);
    // The first sign-out is still refused after everything came back.
    expect(await status(firstToken)).toBe(401);
    await first.dispose();
    await second.context.dispose();
  });
});

import { randomUUID } from "node:crypto";
import {
  type APIRequestContext,
  type APIResponse,
  test as base,
  expect,
  request as requests,
} from "@playwright/test";
import { newAccount } from "./support/fixtures";
import { restartWeb, serviceLog, WEB_URL } from "./support/services";

// Account enumeration and password guessing over HTTP against the running web app. Every case
// asserts the status, that nothing leaks, and that nothing answers 5xx.

type Headers = Record<string, string>;

const post = (request: APIRequestContext, path: string, data: unknown, headers: Headers = {}) =>
  request.post(`${WEB_URL}/api/auth${path}`, { headers: { origin: WEB_URL, ...headers }, data });
const signIn = (request: APIRequestContext, email: string, password: string, headers?: Headers) =>
  post(request, "/sign-in/email", { email, password }, headers);

/** What a response lets a client tell apart: status, body and header names. */
async function shape(response: APIResponse) {
  const varying = new Set(["date", "x-request-id"]);
  const names = Object.keys(response.headers()).filter((name) => !varying.has(name));
  return { status: response.status(), body: await response.text(), headers: names.sort() };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/** Audit events the web app wrote (JSON lines on its stdout). */
function auditEvents(event: string): Array<Record<string, unknown>> {
  return serviceLog("web")
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes(`"event":"${event}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

base.describe.configure({ mode: "serial" });

base.describe("account enumeration", () => {
  base(
    "sign-in failures look the same for an unknown email and a wrong password",
    async ({ request }) => {
      const account = newAccount("Known");
      const owner = await requests.newContext();
      expect((await post(owner, "/sign-up/email", account)).status()).toBe(200);
      await owner.dispose();

      const candidates = { unknown: `nobody-${randomUUID()}@example.test`, known: account.email };
      const times = { unknown: [] as number[], known: [] as number[] };
      const shapes: Record<string, unknown> = {};
      // Interleaved, and fewer than the per-account limit of failures (10).
      for (let i = 0; i < 8; i++) {
        for (const kind of ["unknown", "known"] as const) {
          const started = performance.now();
          const response = await signIn(request, candidates[kind], "not the password at all");
          times[kind].push(performance.now() - started);
          shapes[kind] = await shape(response);
        }
      }
      expect(shapes.unknown).toEqual(shapes.known);
      expect((shapes.known as { status: number }).status).toBe(401);
      // An unknown email still costs a password hash: without it, that answer would come back
      // about twenty times sooner than the one for a real account.
      const ratio = median(times.unknown) / median(times.known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    },
  );

  base(
    "sign-up with a taken email is refused with no session, no user data and no change to the account",
    async () => {
      const owner = newAccount("Owner");
      const ownerContext = await requests.newContext();
      const intruder = await requests.newContext();
      try {
        expect((await post(ownerContext, "/sign-up/email", owner)).status()).toBe(200);
        const attempt = await post(intruder, "/sign-up/email", {
          name: "Intruder",
          email: owner.email.toUpperCase(),
          password: "the intruder's own passphrase",
        });
        // The decided trade-off (docs/decisions/0006): an immediate account cannot hide that the
        // email is taken, so the answer says so and nothing more.
        expect(attempt.status()).toBe(422);
        expect(await attempt.json()).toEqual({
          code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
          message: expect.any(String),
        });
        expect(attempt.headers()["set-cookie"]).toBeUndefined();
        expect((await intruder.get(`${WEB_URL}/api/auth/token`)).status()).toBe(401);
        expect(
          (await signIn(intruder, owner.email, "the intruder's own passphrase")).status(),
        ).toBe(401);
        expect((await signIn(intruder, owner.email, owner.password)).status()).toBe(200);
        // Harvesting leaves a trail.
        expect(auditEvents("auth.sign_up")).toContainEqual(
          expect.objectContaining({
            outcome: "failure",
            reason: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
            status: 422,
          }),
        );
      } finally {
        await ownerContext.dispose();
        await intruder.dispose();
      }
    },
  );
});

base.describe("brute force, with the web app's limits on", () => {
  base.afterAll(() => restartWeb());

  base(
    "per address: three sign-ins per 10 s, ten sign-ups per hour, and forged forwarding headers reset nothing",
    async ({ request }) => {
      await restartWeb({ AUTH_RATE_LIMIT: "on" });
      const forged = (i: number): Headers => ({
        "x-forwarded-for": `198.51.100.${i}`,
        "x-real-ip": `198.51.100.${i}`,
        "x-todo-client-ip": `198.51.100.${i}`,
        forwarded: `for=198.51.100.${i}`,
      });
      const password = `guess-${randomUUID()}`;
      const statuses: number[] = [];
      let last: APIResponse | undefined;
      for (let i = 0; i < 6; i++) {
        last = await signIn(request, `someone-${i}@example.test`, password, forged(i));
        statuses.push(last.status());
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      expect(Number(last?.headers()["retry-after"])).toBeGreaterThan(0);
      expect(await last?.json()).toEqual({
        code: "TOO_MANY_REQUESTS",
        message: expect.any(String),
      });

      const signUps: number[] = [];
      for (let i = 0; i < 11; i++) {
        signUps.push((await post(request, "/sign-up/email", newAccount(), forged(i))).status());
      }
      expect(signUps).toEqual([...Array(10).fill(200), 429]);

      const events = auditEvents("auth.rate_limited").filter(
        (event) => event.reason === "per_address",
      );
      expect(events.length).toBeGreaterThanOrEqual(4);
      for (const event of events) {
        expect(event).toMatchObject({ outcome: "failure", ip: "127.0.0.1", status: 429 });
        expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(event.time).toEqual(expect.any(Number));
      }
      expect(events.map((event) => event.path)).toEqual(
        expect.arrayContaining(["/sign-in/email", "/sign-up/email"]),
      );
      expect(serviceLog("web")).not.toContain(password);
    },
  );

  base(
    "per account and per user: guesses spread over many addresses behind a trusted proxy still stop",
    async ({ request }) => {
      await restartWeb({ AUTH_RATE_LIMIT: "on", TRUST_PROXY: "loopback" });
      const via = (i: number): Headers => ({ "x-forwarded-for": `203.0.113.${i}` });
      const account = newAccount("Target");
      const victim = await requests.newContext();
      expect((await post(victim, "/sign-up/email", account, via(200))).status()).toBe(200);

      const answers: Array<Awaited<ReturnType<typeof shape>>> = [];
      for (const email of [account.email, `ghost-${randomUUID()}@example.test`]) {
        const statuses: number[] = [];
        // Ten addresses, one guess each: the per-address limit never triggers.
        for (let i = 0; i < 10; i++) {
          statuses.push((await signIn(request, email, `guess number ${i}`, via(i))).status());
        }
        expect(statuses).toEqual(Array(10).fill(401));
        // The eleventh is refused even with the right password, from yet another address.
        const locked = await signIn(request, email, account.password, via(99));
        expect(locked.status()).toBe(429);
        expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
        answers.push(await shape(locked));
      }
      // A concurrent burst from thirty addresses at a fresh account: exactly ten password checks.
      const burstTarget = newAccount("Burst");
      const burstOwner = await requests.newContext();
      expect((await post(burstOwner, "/sign-up/email", burstTarget, via(201))).status()).toBe(200);
      await burstOwner.dispose();
      const burst = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          signIn(request, burstTarget.email, `burst guess ${i}`, via(100 + i)),
        ),
      );
      const burstStatuses = burst.map((response) => response.status());
      expect(burstStatuses.filter((status) => status === 401)).toHaveLength(10);
      expect(burstStatuses.filter((status) => status === 429)).toHaveLength(20);
      // Locked real account and locked unknown email: the same answer.
      expect(answers[0]).toEqual(answers[1]);
      expect(JSON.parse(answers[0]?.body ?? "{}")).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
      // The victim's own session is untouched.
      expect((await victim.get(`${WEB_URL}/api/auth/token`)).status()).toBe(200);

      // Tokens: 60 a minute per user, whatever the address.
      const tokenStatuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        const response = await victim.get(`${WEB_URL}/api/auth/token`, { headers: via(i) });
        tokenStatuses.push(response.status());
      }
      // One token was fetched above: the sixtieth here is the sixty-first of the minute.
      expect(tokenStatuses.slice(0, 59)).toEqual(Array(59).fill(200));
      expect(tokenStatuses[59]).toBe(429);
      await victim.dispose();

      const reasons = auditEvents("auth.rate_limited").map((event) => event.reason);
      expect(reasons).toEqual(expect.arrayContaining(["per_account", "per_user"]));
      // The lock names the client the trusted proxy forwarded (earlier specs log locks of their own).
      const perAccount = auditEvents("auth.rate_limited").filter((e) => e.reason === "per_account");
      expect(perAccount.map((event) => event.ip)).toContain("203.0.113.99");
      expect(serviceLog("web")).not.toContain(account.password);
    },
  );
});

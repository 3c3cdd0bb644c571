import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import type { TestUser } from "./test/helper.js";
import { describeApi } from "./test/suite.js";

// Thousands of generated requests per run and database (fast-check, seeded per run, shrinking on
// failure). Properties: never a 5xx, every error is problem+json, and nothing of another user's
// task ever appears in an answer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const KNOWN_FIELDS = [
  "title",
  "description",
  "priority",
  "dueDate",
  "completed",
  "id",
  "userId",
  "__proto__",
  "constructor",
];
const KNOWN_PARAMS = [
  "status",
  "priority",
  "q",
  "sort",
  "order",
  "limit",
  "cursor",
  "__proto__",
  "access_token",
];

const weirdValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    "low",
    "medium",
    "high",
    "2030-02-29",
    "2031-13-01",
    "%",
    "_",
    "\\",
    "' OR 1=1 --",
    "\u0000",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

const body = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_FIELDS), fc.string()), weirdValue, {
    maxKeys: 6,
  }),
  fc.jsonValue({ maxDepth: 4 }),
);

const rawBody = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom('{"title":', '{"__proto__":{"x":1},"title":"p"}', "[]", "null", '"str"', "{}"),
);

const query = fc.oneof(
  fc
    .dictionary(
      fc.oneof(fc.constantFrom(...KNOWN_PARAMS), fc.string({ maxLength: 20 })),
      fc.oneof(fc.string(), fc.integer().map(String)),
      {
        maxKeys: 5,
      },
    )
    .map((params) => new URLSearchParams(params).toString()),
  fc.string({ unit: "binary", maxLength: 100 }).map(encodeURI),
);

describeApi("fuzzing every task route", (ctx) => {
  let alice: TestUser;
  let bob: TestUser;
  let bobTaskId = "";
  const secret = `bob-only-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    alice = await ctx().createUser({ name: "Alice" });
    bob = await ctx().createUser({ name: "Bob" });
    const created = await ctx().app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: bob.headers,
      payload: { title: secret, description: secret },
    });
    bobTaskId = created.json().id;
  });

  function check(response: { statusCode: number; body: string; headers: Record<string, unknown> }) {
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toContain(bobTaskId);
    if (response.statusCode >= 400) {
      expect(String(response.headers["content-type"])).toMatch(/^application\/problem\+json/);
    }
  }

  const idArbitrary = () =>
    fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 60 }),
      fc.constant(bobTaskId),
      fc.constantFrom("..%2F..%2Fetc%2Fpasswd", "%00", "1 OR 1=1", "__proto__", "constructor"),
    );

  it("POST /api/tasks with generated JSON bodies", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        check(
          await ctx().app.inject({
            method: "POST",
            url: "/api/tasks",
            headers: alice.headers,
            payload: payload as object,
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /api/tasks with generated raw bodies and content types", async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/json; charset=utf-16",
        ),
        async (payload, type) => {
          check(
            await ctx().app.inject({
              method: "POST",
              url: "/api/tasks",
              headers: { ...alice.headers, "content-type": type },
              payload,
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/tasks with generated query strings", async () => {
    await fc.assert(
      fc.asyncProperty(query, async (qs) => {
        check(
          await ctx().app.inject({
            method: "GET",
            url: `/api/tasks?${qs}`,
            headers: alice.headers,
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("GET, PATCH and DELETE /api/tasks/:id with generated ids and bodies", async () => {
    await fc.assert(
      fc.asyncProperty(
        idArbitrary(),
        fc.constantFrom("GET", "PATCH", "DELETE"),
        body,
        async (id, method, payload) => {
          const url = `/api/tasks/${/^[\w-]+$/.test(id) ? id : encodeURIComponent(id)}`;
          check(
            await ctx().app.inject({
              method: method as "GET",
              url,
              headers: alice.headers,
              ...(method === "PATCH" ? { payload: payload as object } : {}),
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
    // And Bob's task is untouched by all of it.
    const still = await ctx().app.inject({ url: `/api/tasks/${bobTaskId}`, headers: bob.headers });
    expect(still.json().title).toBe(secret);
  });

  it("every route with generated Authorization headers answers 401, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `Bearer ${s}`),
          fc
            .tuple(fc.base64String(), fc.base64String(), fc.base64String())
            .map((parts) => `Bearer ${parts.join(".")}`),
        ),
        fc.constantFrom("/api/tasks", "/api/me", `/api/tasks/${bobTaskId}`),
        async (authorization, url) => {
          let response: Awaited<ReturnType<ReturnType<typeof ctx>["app"]["inject"]>>;
          try {
            response = await ctx().app.inject({ url, headers: { authorization } });
          } catch (error) {
            // Node refuses to even send a header with control characters: not a server outcome.
            if (String(error).includes("Invalid character")) return;
            throw error;
          }
          check(response);
          expect([400, 401]).toContain(response.statusCode);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

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
  "listId",
  "name",
  "position",
  "isInbox",
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
  "listId",
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

describeApi("fuzzing every task and list route", (ctx) => {
  let alice: TestUser;
  let bob: TestUser;
  let bobTaskId = "";
  let bobListId = "";
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
    const list = await ctx().app.inject({
      method: "POST",
      url: "/api/lists",
      headers: bob.headers,
      payload: { name: secret },
    });
    bobListId = list.json().id;
  });

  function check(response: { statusCode: number; body: string; headers: Record<string, unknown> }) {
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toContain(bobTaskId);
    expect(response.body).not.toContain(bobListId);
    if (response.statusCode >= 400) {
      expect(String(response.headers["content-type"])).toMatch(/^application\/problem\+json/);
    }
  }

  const idArbitrary = () =>
    fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 60 }),
      fc.constant(bobTaskId),
      fc.constant(bobListId),
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

  /** Generated bodies, sometimes naming Bob's list as the listId (it must stay out of reach). */
  const bodyWithListId = () =>
    fc.oneof(
      body,
      fc.record({ title: fc.string(), listId: fc.oneof(fc.constant(bobListId), fc.uuid()) }),
    );

  it("POST /api/tasks and PATCH /api/tasks/:id with generated listIds never reach Bob's list", async () => {
    const mine = (
      await ctx().app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: alice.headers,
        payload: { title: "mine" },
      })
    ).json().id as string;
    await fc.assert(
      fc.asyncProperty(bodyWithListId(), fc.boolean(), async (payload, patch) => {
        check(
          await ctx().app.inject({
            method: patch ? "PATCH" : "POST",
            url: patch ? `/api/tasks/${mine}` : "/api/tasks",
            headers: alice.headers,
            payload: payload as object,
          }),
        );
      }),
      { numRuns: RUNS },
    );
    const inBobsList = await ctx()
      .db.database.db.selectFrom("task")
      .select("user_id")
      .where("list_id", "=", bobListId)
      .execute();
    expect(inBobsList).toEqual([]);
  }, 120_000);

  it("every list route with generated ids, bodies and query strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        idArbitrary(),
        fc.constantFrom("GET", "POST", "PATCH", "DELETE", "LIST"),
        body,
        query,
        async (id, method, payload, qs) => {
          const path = /^[\w-]+$/.test(id) ? id : encodeURIComponent(id);
          const request =
            method === "LIST"
              ? { method: "GET" as const, url: `/api/lists?${qs}` }
              : method === "POST"
                ? { method: "POST" as const, url: "/api/lists", payload: payload as object }
                : {
                    method: method as "GET",
                    url: `/api/lists/${path}`,
                    ...(method === "PATCH" ? { payload: payload as object } : {}),
                  };
          check(await ctx().app.inject({ ...request, headers: alice.headers }));
        },
      ),
      { numRuns: RUNS },
    );
    // Bob's list is as it was.
    const still = await ctx().app.inject({ url: `/api/lists/${bobListId}`, headers: bob.headers });
    expect(still.json()).toMatchObject({ name: secret, position: 1 });
  }, 120_000);

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
        fc.constantFrom(
          "/api/tasks",
          "/api/me",
          `/api/tasks/${bobTaskId}`,
          "/api/lists",
          `/api/lists/${bobListId}`,
        ),
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

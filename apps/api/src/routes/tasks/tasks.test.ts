import { describe, expect, it } from "vitest";
import { describeApi } from "../../test/suite.js";

describeApi("tasks", (ctx) => {
  const create = async (headers: Record<string, string>, body: Record<string, unknown>) => {
    const response = await ctx().app.inject({
      method: "POST",
      url: "/api/tasks",
      headers,
      payload: body,
    });
    return response;
  };

  describe("POST /api/tasks", () => {
    it("creates a task with defaults and returns 201 with a Location", async () => {
      const user = await ctx().createUser();
      const response = await create(user.headers, { title: "  Buy milk  " });
      expect(response.statusCode).toBe(201);
      const task = response.json();
      expect(task).toMatchObject({
        title: "Buy milk",
        description: "",
        completed: false,
        completedAt: null,
        priority: "medium",
        dueDate: null,
      });
      expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(task.createdAt).toBe(task.updatedAt);
      expect(response.headers.location).toBe(`/api/tasks/${task.id}`);
      expect(response.headers["cache-control"]).toBe("no-store");
    });

    it("stores every field it is given", async () => {
      const user = await ctx().createUser();
      const response = await create(user.headers, {
        title: "Report",
        description: "Quarterly\nnumbers",
        priority: "high",
        dueDate: "2030-02-28",
        completed: true,
      });
      expect(response.statusCode).toBe(201);
      const task = response.json();
      expect(task).toMatchObject({
        description: "Quarterly\nnumbers",
        priority: "high",
        dueDate: "2030-02-28",
        completed: true,
      });
      expect(task.completedAt).toBe(task.createdAt);
      const fetched = await ctx().app.inject({
        url: `/api/tasks/${task.id}`,
        headers: user.headers,
      });
      expect(fetched.json()).toEqual(task);
    });

    it.each([
      [{}, "body.title"],
      [{ title: "" }, "body.title"],
      [{ title: "   " }, "body.title"],
      [{ title: "x".repeat(201) }, "body.title"],
      [{ title: "a\u0007b" }, "body.title"],
      [{ title: "line\nbreak" }, "body.title"],
      [{ title: 42 }, "body.title"],
      [{ title: "ok", description: "d".repeat(1001) }, "body.description"],
      [{ title: "ok", priority: "urgent" }, "body.priority"],
      [{ title: "ok", dueDate: "2030-02-30" }, "body.dueDate"],
      [{ title: "ok", dueDate: "tomorrow" }, "body.dueDate"],
      [{ title: "ok", completed: "yes" }, "body.completed"],
    ])("answers 400 naming the field for %j", async (body, path) => {
      const user = await ctx().createUser();
      const response = await create(user.headers, body);
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem).toMatchObject({
        status: 400,
        code: "VALIDATION_FAILED",
        type: "about:blank",
      });
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    it("accepts a title of exactly 200 characters and a description of 1,000", async () => {
      const user = await ctx().createUser();
      const response = await create(user.headers, {
        title: "t".repeat(200),
        description: "d".repeat(1000),
      });
      expect(response.statusCode).toBe(201);
    });

    it.each(["id", "userId", "user_id", "createdAt", "updatedAt", "completedAt", "owner"])(
      "refuses the field %s by name",
      async (field) => {
        const user = await ctx().createUser();
        const response = await create(user.headers, { title: "x", [field]: "value" });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toContainEqual({
          path: `body.${field}`,
          message: "Unknown or read-only field",
          code: "unrecognized_key",
        });
      },
    );

    it("answers 415 to a body that is not JSON", async () => {
      const user = await ctx().createUser();
      const response = await ctx().app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: { ...user.headers, "content-type": "text/plain" },
        payload: "title=x",
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
    });

    it("answers 400 to broken JSON without quoting it", async () => {
      const user = await ctx().createUser();
      const response = await ctx().app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: { ...user.headers, "content-type": "application/json" },
        payload: '{"title": <script>alert(1)</script>',
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).not.toContain("script");
    });

    it("answers 400 to prototype pollution attempts", async () => {
      const user = await ctx().createUser();
      const response = await ctx().app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: { ...user.headers, "content-type": "application/json" },
        payload: '{"title":"x","__proto__":{"admin":true}}',
      });
      expect(response.statusCode).toBe(400);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it("answers 413 above the body limit", async () => {
      const user = await ctx().createUser();
      const response = await create(user.headers, { title: "x", description: "d".repeat(20_000) });
      expect(response.statusCode).toBe(413);
      expect(response.json().code).toBe("PAYLOAD_TOO_LARGE");
    });
  });

  describe("GET /api/tasks/:id", () => {
    it("answers 400 to an id that is not a UUID", async () => {
      const user = await ctx().createUser();
      const response = await ctx().app.inject({
        url: "/api/tasks/1' OR '1'='1",
        headers: user.headers,
      });
      expect(response.statusCode).toBe(400);
    });

    it("answers 404 to a task that does not exist", async () => {
      const user = await ctx().createUser();
      const response = await ctx().app.inject({
        url: "/api/tasks/00000000-0000-4000-8000-000000000000",
        headers: user.headers,
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, code: "TASK_NOT_FOUND" });
    });
  });

  describe("PATCH /api/tasks/:id", () => {
    it("changes only the fields it is given", async () => {
      const user = await ctx().createUser();
      const task = (
        await create(user.headers, {
          title: "Old",
          description: "keep",
          priority: "low",
          dueDate: "2031-01-01",
        })
      ).json();
      const response = await ctx().app.inject({
        method: "PATCH",
        url: `/api/tasks/${task.id}`,
        headers: user.headers,
        payload: { title: "New" },
      });
      expect(response.statusCode).toBe(200);
      const updated = response.json();
      expect(updated).toMatchObject({
        title: "New",
        description: "keep",
        priority: "low",
        dueDate: "2031-01-01",
        completed: false,
      });
      expect(updated.createdAt).toBe(task.createdAt);
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
    });

    it("stamps completedAt on completion, keeps it on repeat and clears it on reopening", async () => {
      const user = await ctx().createUser();
      const task = (await create(user.headers, { title: "Finish" })).json();
      const patch = (payload: Record<string, unknown>) =>
        ctx().app.inject({
          method: "PATCH",
          url: `/api/tasks/${task.id}`,
          headers: user.headers,
          payload,
        });
      const done = (await patch({ completed: true })).json();
      expect(done.completed).toBe(true);
      expect(done.completedAt).toEqual(expect.any(String));
      const again = (await patch({ completed: true })).json();
      expect(again.completedAt).toBe(done.completedAt);
      const reopened = (await patch({ completed: false })).json();
      expect(reopened).toMatchObject({ completed: false, completedAt: null });
    });

    it("clears the due date with null", async () => {
      const user = await ctx().createUser();
      const task = (await create(user.headers, { title: "Due", dueDate: "2031-05-05" })).json();
      const response = await ctx().app.inject({
        method: "PATCH",
        url: `/api/tasks/${task.id}`,
        headers: user.headers,
        payload: { dueDate: null },
      });
      expect(response.json().dueDate).toBeNull();
    });

    it.each([
      [{}],
      [{ id: "00000000-0000-4000-8000-000000000000" }],
      [{ userId: "someone" }],
      [{ title: "" }],
    ])("answers 400 to %j", async (payload) => {
      const user = await ctx().createUser();
      const task = (await create(user.headers, { title: "x" })).json();
      const response = await ctx().app.inject({
        method: "PATCH",
        url: `/api/tasks/${task.id}`,
        headers: user.headers,
        payload,
      });
      expect(response.statusCode).toBe(400);
    });

    it("keeps every change under concurrent PATCHes to different fields", async () => {
      const user = await ctx().createUser();
      const task = (await create(user.headers, { title: "Race" })).json();
      const patches = [
        { title: "Raced" },
        { priority: "high" },
        { description: "both" },
        { dueDate: "2032-03-03" },
        { completed: true },
      ];
      const responses = await Promise.all(
        patches.map((payload) =>
          ctx().app.inject({
            method: "PATCH",
            url: `/api/tasks/${task.id}`,
            headers: user.headers,
            payload,
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      const final = (
        await ctx().app.inject({ url: `/api/tasks/${task.id}`, headers: user.headers })
      ).json();
      expect(final).toMatchObject({
        title: "Raced",
        priority: "high",
        description: "both",
        dueDate: "2032-03-03",
        completed: true,
      });
    });
  });

  describe("DELETE /api/tasks/:id", () => {
    it("deletes with 204 and then answers 404", async () => {
      const user = await ctx().createUser();
      const task = (await create(user.headers, { title: "Gone" })).json();
      const url = `/api/tasks/${task.id}`;
      const first = await ctx().app.inject({ method: "DELETE", url, headers: user.headers });
      expect(first.statusCode).toBe(204);
      expect(first.body).toBe("");
      const second = await ctx().app.inject({ method: "DELETE", url, headers: user.headers });
      expect(second.statusCode).toBe(404);
      expect((await ctx().app.inject({ url, headers: user.headers })).statusCode).toBe(404);
    });
  });

  describe("concurrent writes", () => {
    it("creates 40 tasks in parallel without losing one", async () => {
      const user = await ctx().createUser();
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => create(user.headers, { title: `parallel ${i}` })),
      );
      expect(responses.every((r) => r.statusCode === 201)).toBe(true);
      const list = await ctx().app.inject({ url: "/api/tasks?limit=100", headers: user.headers });
      expect(list.json().items).toHaveLength(40);
    });
  });
});

describeApi(
  "task limit per user",
  (ctx) => {
    it("POST /api/tasks answers 409 once the user has the maximum number of tasks", async () => {
      const user = await ctx().createUser();
      for (let i = 0; i < 3; i++) {
        const ok = await ctx().app.inject({
          method: "POST",
          url: "/api/tasks",
          headers: user.headers,
          payload: { title: `t${i}` },
        });
        expect(ok.statusCode).toBe(201);
      }
      const refused = await ctx().app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: user.headers,
        payload: { title: "one more" },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("TASK_LIMIT_REACHED");
    });
  },
  { maxTasksPerUser: 3 },
);

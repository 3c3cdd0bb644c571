import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { registerErrorHandler } from "./error-handler.js";

describe("the error handler", () => {
  it("masks an unexpected error as a 500 problem with a request id and no internals", async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: { level: "error", stream: { write: (line: string) => lines.push(line) } },
    });
    registerErrorHandler(app);
    app.get("/boom", async () => {
      throw new Error("secret internal detail at /srv/app/db.ts:12");
    });
    const response = await app.inject({ url: "/boom" });
    expect(response.statusCode).toBe(500);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({
      status: 500,
      code: "INTERNAL_ERROR",
      detail: "Internal server error.",
    });
    expect(body.requestId).toEqual(expect.any(String));
    expect(response.body).not.toContain("secret internal detail");
    // The cause is logged, with the same request id, for whoever investigates.
    expect(lines.join("")).toContain("secret internal detail");
    expect(lines.join("")).toContain(body.requestId);
    await app.close();
  });

  it("answers a framework 4xx with fixed text, never the framework's message", async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.post("/echo", async (request) => request.body);
    const response = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload: '{"a": <img src=x onerror=alert(1)>}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "INVALID_JSON",
      detail: "The body is not valid JSON.",
    });
    expect(response.body).not.toContain("onerror");
    await app.close();
  });
});

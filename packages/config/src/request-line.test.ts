import { describe, expect, it } from "vitest";
import { requestLineFields } from "./request-line.js";

describe("the request line", () => {
  it("has the same fields in the same order for either service, and no query string", () => {
    const line = requestLineFields({
      method: "POST",
      url: "/api/auth/sign-in/email?token=secret",
      status: 413,
      ip: "203.0.113.9",
      ms: 1.26,
    });
    expect(Object.keys(line)).toEqual([
      "event",
      "method",
      "route",
      "path",
      "status",
      "userId",
      "ip",
      "ms",
    ]);
    expect(line).toMatchObject({ event: "request", path: "/api/auth/sign-in/email", ms: 1.3 });
    expect(JSON.stringify(line)).not.toContain("secret");
  });
});

import { describe, expect, it } from "vitest";
import { loggedPath, requestLineFields } from "./request-line.js";

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

  it("never gives an invite code: the API's code routes and the web's join page", () => {
    expect(loggedPath("/api/invites/AbC_123-xyz")).toBe("/api/invites/[redacted]");
    expect(loggedPath("/api/invites/AbC_123-xyz/accept?x=1")).toBe(
      "/api/invites/[redacted]/accept",
    );
    expect(loggedPath("/join/AbC_123-xyz")).toBe("/join/[redacted]");
    expect(loggedPath("/api/lists/abc/invites/def")).toBe("/api/lists/abc/invites/def");
  });
});

import { describe, expect, it } from "vitest";
import { routeOf } from "./routes.js";

describe("the web app's route label", () => {
  it("names the pages, and Better Auth's endpoints and Next.js's assets as one family each", () => {
    expect(routeOf("/tasks?list=secret")).toBe("/tasks");
    expect(routeOf("/")).toBe("/");
    expect(routeOf("/api/auth/sign-in/email")).toBe("/api/auth/*");
    expect(routeOf("/_next/static/chunks/app.js")).toBe("/_next/*");
  });

  it("is `other` for any other path, so no path becomes a label", () => {
    expect(routeOf("/user/7d1c0b2e")).toBe("other");
    expect(routeOf("/tasks/extra")).toBe("other");
    expect(routeOf(undefined)).toBe("/");
  });
});

import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-redirect";

describe("safeReturnPath", () => {
  it.each(["/tasks", "/account", "/tasks?status=pending"])("keeps the local path %s", (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "tasks",
    "/\tevil",
    "",
    null,
    undefined,
  ])("refuses %j", (value) => {
    expect(safeReturnPath(value)).toBe("/tasks");
  });
});

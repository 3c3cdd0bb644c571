import { ERROR_CODES, type Problem } from "@todo/contract";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-client";
import { describeError, ERROR_MESSAGES } from "./messages";

const problem = (code: string, detail: string): Problem =>
  ({ type: "about:blank", title: "x", status: 409, code, detail }) as Problem;

describe("describeError", () => {
  it("has a message of its own for every code the API can send", () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(/\w/);
  });

  it("never shows the server's text for a known code", () => {
    const text = describeError(new ApiError(problem("TASK_LIMIT_REACHED", "server words")));
    expect(text).toBe(ERROR_MESSAGES.TASK_LIMIT_REACHED);
    expect(text).not.toContain("server words");
  });

  it("answers a code it does not know with the generic message", () => {
    const text = describeError(new ApiError(problem("SOMETHING_NEW", "server words")));
    expect(text).toBe("Something went wrong. Please try again.");
  });
});

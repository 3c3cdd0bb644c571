import { describe, expect, it } from "vitest";
import { readableLine } from "./log-lines.mjs";

describe("readable log lines", () => {
  it("shows a request line as one short line, its time in the local clock", () => {
    const time = Date.UTC(2026, 0, 2, 3, 4, 5);
    const text = JSON.stringify({
      level: 40,
      time,
      pid: 1,
      hostname: "h",
      reqId: "r",
      event: "auth.failure",
      method: "GET",
      route: "/api/tasks",
      path: "/api/tasks",
      status: 401,
      ip: "127.0.0.1",
      ms: 0.4,
      reason: "signature",
      msg: "invalid access token",
    });
    const clock = new Date(time).toTimeString().slice(0, 8);
    expect(readableLine("api", text)).toBe(
      `${clock} api WARN  invalid access token GET /api/tasks 401 0.4ms event=auth.failure route=/api/tasks ip=127.0.0.1 reason=signature`,
    );
  });

  it("leaves anything that is not a JSON log line to be printed as it is", () => {
    expect(readableLine("web", "Web app on http://127.0.0.1:3000")).toBeUndefined();
    expect(readableLine("web", '"just a string"')).toBeUndefined();
    expect(readableLine("web", '{"no":"level"}')).toBeUndefined();
  });

  it("quotes values with spaces, so one value cannot pass for several", () => {
    const line = readableLine("api", '{"level":30,"time":0,"msg":"database","database":"a b=c"}');
    expect(line).toMatch(/ database="a b=c"$/);
  });
});

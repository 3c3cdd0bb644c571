import { loggerOptions } from "@todo/config";
import pino from "pino";
import { describe, expect, it } from "vitest";

/** A real pino logger with the services' options, its lines kept as parsed JSON. */
function logger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino(loggerOptions("info"), {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { log, lines };
}

const SECRET = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl";

describe("log redaction (loggerOptions)", () => {
  it("censors credentials wherever a line could carry them", () => {
    const { log, lines } = logger();
    log.info({ req: { headers: { authorization: `Bearer ${SECRET}`, cookie: SECRET } } }, "a");
    log.info({ headers: { authorization: `Bearer ${SECRET}`, cookie: SECRET } }, "b");
    log.info({ authorization: `Bearer ${SECRET}`, cookie: SECRET, token: SECRET }, "c");
    log.warn({ body: { token: SECRET }, err: { message: "refused", token: SECRET } }, "d");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(SECRET);
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: "[redacted]", cookie: "[redacted]" } },
    });
    expect(lines[3]).toMatchObject({ body: { token: "[redacted]" }, err: { message: "refused" } });
  });

  it("leaves every other field as it was", () => {
    const { log, lines } = logger();
    log.info({ event: "request", path: "/api/tasks", status: 401, nested: { kept: 1 } }, "r");
    expect(lines[0]).toMatchObject({
      event: "request",
      path: "/api/tasks",
      status: 401,
      nested: { kept: 1 },
      msg: "r",
    });
  });
});

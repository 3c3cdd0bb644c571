import { Writable } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions, requestLineWriter } from "./request-log.js";

function capture(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const logger = pino(loggerOptions(level), stream) as unknown as FastifyBaseLogger;
  return { logger, lines };
}

describe("the request line writer", () => {
  it("writes the line pino would write, field for field", async () => {
    const { logger, lines } = capture("info");
    const fields = { event: "request", method: "GET", path: "/api/tasks", status: 200, ms: 1.5 };
    logger.child({ reqId: "req-1" }).info(fields, "request");
    requestLineWriter(logger)("info", "req-1", { ...fields, userId: undefined }, "request");
    logger.child({ reqId: "req-2" }).warn({ reason: 'say "hi"\n' }, "invalid access token");
    requestLineWriter(logger)("warn", "req-2", { reason: 'say "hi"\n' }, "invalid access token");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(4);
    const [byPino, ours, warnByPino, warnOurs] = lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    const withoutTime = ({ time, ...rest }: Record<string, unknown> = {}) => {
      expect(time).toEqual(expect.any(Number));
      return rest;
    };
    expect(Object.keys(ours ?? {})).toEqual(Object.keys(byPino ?? {}));
    expect(withoutTime(ours)).toEqual(withoutTime(byPino));
    expect(withoutTime(warnOurs)).toEqual(withoutTime(warnByPino));
    expect(withoutTime(ours)).toMatchObject({ level: 30, pid: process.pid, reqId: "req-1" });
  });

  it("keeps to the logger's level", async () => {
    const { logger, lines } = capture("warn");
    const write = requestLineWriter(logger);
    write("info", "req-1", { status: 200 }, "request");
    write("warn", "req-2", { status: 401 }, "invalid access token");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => JSON.parse(line).reqId)).toEqual(["req-2"]);
  });
});

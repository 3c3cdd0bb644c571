import { Writable } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import {
  lineEvent,
  loggerOptions,
  REQUEST_EVENT,
  type RequestLine,
  requestLineFields,
  requestLineWriter,
} from "./request-log.js";

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

const REFUSED: RequestLine = {
  method: "GET",
  route: undefined,
  url: "/api/tasks",
  status: 401,
  userId: undefined,
  ip: "127.0.0.1",
  ms: 0.25,
};
const SERVED: RequestLine = {
  method: "PATCH",
  route: "/api/tasks/:id",
  url: "/api/tasks/0b3f8a2c?x=1",
  status: 200,
  userId: "user-1",
  ip: "::1",
  ms: 12.345,
};
// Every string a client or a token controls, with what JSON must escape in it.
const HOSTILE: RequestLine = {
  method: 'GE"T',
  route: undefined,
  url: '/api/"tasks"\\\n\u2028\ud800</script>\u0000?token=secret',
  status: 400,
  userId: 'a"b\\c\r\n{"level":60}',
  ip: "203.0.113.9",
  ms: Number.NaN,
};

const withoutTime = ({ time, ...rest }: Record<string, unknown> = {}) => {
  expect(time).toEqual(expect.any(Number));
  return rest;
};

describe("the request line writer", () => {
  it.each([
    ["a refusal before routing", REFUSED, REQUEST_EVENT],
    ["a served request", SERVED, REQUEST_EVENT],
    [
      "a refusal with its reason",
      REFUSED,
      lineEvent("warn", "invalid access token", { event: "auth.failure", reason: 'say "hi"\n' }),
    ],
    ["hostile strings", HOSTILE, REQUEST_EVENT],
  ])("writes the line pino would write, member for member: %s", async (_, line, event) => {
    const { logger, lines } = capture("info");
    logger
      .child({ reqId: "req-1" })
      [event.level]({ ...requestLineFields(line), ...event.fields }, event.msg);
    requestLineWriter(logger)("req-1", line, event);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(2);
    const [byPino, ours] = lines.map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(Object.keys(ours ?? {})).toEqual(Object.keys(byPino ?? {}));
    expect(withoutTime(ours)).toEqual(withoutTime(byPino));
    expect(withoutTime(ours)).toMatchObject({ pid: process.pid, reqId: "req-1", msg: event.msg });
  });

  it("leaves the query string out and writes each line as one line", async () => {
    const { logger, lines } = capture("info");
    requestLineWriter(logger)("req-1", HOSTILE, REQUEST_EVENT);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("secret");
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      path: '/api/"tasks"\\\n\u2028\ud800</script>\u0000',
      userId: HOSTILE.userId,
      ms: null,
      level: 30,
    });
  });

  it("keeps to the logger's level", async () => {
    const { logger, lines } = capture("warn");
    const write = requestLineWriter(logger);
    write("req-1", SERVED, REQUEST_EVENT);
    write("req-2", REFUSED, lineEvent("warn", "rate limit exceeded", { scope: "ip" }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => JSON.parse(line).reqId)).toEqual(["req-2"]);
  });
});

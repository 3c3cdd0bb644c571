import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError } from "@todo/config";
import { describe, expect, it } from "vitest";
import { loadApiConfig } from "./config.js";

const env = (extra: Record<string, string>) => ({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "todo-api-config-")),
  JWT_SECRET: randomBytes(32).toString("base64url"),
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  ...extra,
});
const quiet = () => {};

describe("loadApiConfig", () => {
  it("has working defaults for the local run", () => {
    const config = loadApiConfig(env({}), quiet);
    expect(config).toMatchObject({
      port: 4000,
      corsOrigins: ["http://localhost:3000"],
      jwt: { issuer: "http://localhost:3000", audience: "todo-api" },
      database: { kind: "sqlite" },
      migrateOnStart: true,
      trustProxy: false,
      sharing: {
        maxMembersPerList: 50,
        maxInvitesPerList: 20,
        codeAttempts: 20,
        codeWindowMs: 900_000,
      },
    });
  });

  it.each([
    [{ PORT: "70000" }, /PORT must be between/],
    [{ PORT: "abc" }, /PORT must be a whole number/],
    [{ CORS_ORIGINS: "*" }, /CORS_ORIGINS must be an absolute http\(s\) URL/],
    [{ CORS_ORIGINS: "http://localhost:3000/path" }, /CORS_ORIGINS must be an origin/],
    [{ TRUST_PROXY: "true" }, /TRUST_PROXY=true is refused/],
    [{ TRUST_PROXY: "proxy.internal" }, /TRUST_PROXY must be a hop count or proxy addresses/],
    [{ TRUST_PROXY: "1000" }, /TRUST_PROXY=1000 is refused: at most 5 hops/],
    [
      { TRUST_PROXY: "0.0.0.0/1" },
      /TRUST_PROXY is refused: "0.0.0.0\/1" is wider than an IPv4 \/8/,
    ],
    [{ TRUST_PROXY: "2000::/3" }, /TRUST_PROXY is refused: "2000::\/3" is wider than an IPv6 \/32/],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, /DATABASE_URL must start with/],
    [{ JWT_SECRET: "short" }, /JWT_SECRET must be at least 32/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
    [{ MAX_MEMBERS_PER_LIST: "0" }, /MAX_MEMBERS_PER_LIST must be between/],
    [{ INVITE_CODE_ATTEMPTS: "many" }, /INVITE_CODE_ATTEMPTS must be a whole number/],
  ])("refuses %j with a message naming the variable", (extra, message) => {
    expect(() => loadApiConfig(env(extra), quiet)).toThrow(ConfigError);
    expect(() => loadApiConfig(env(extra), quiet)).toThrow(message);
  });

  it("reports every bad variable in one error, not only the first", () => {
    const attempt = () =>
      loadApiConfig(
        env({
          PORT: "abc",
          LOG_LEVEL: "loud",
          TRUST_PROXY: "true",
          JWT_SECRET: "short",
          JWT_ISSUER: "x".repeat(256),
          DATABASE_URL: "mysql://root@localhost/db",
        }),
        quiet,
      );
    expect(attempt).toThrow(ConfigError);
    let problems: readonly string[] = [];
    try {
      attempt();
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(6);
    for (const name of [
      "PORT",
      "LOG_LEVEL",
      "TRUST_PROXY",
      "JWT_SECRET",
      "JWT_ISSUER",
      "DATABASE_URL",
    ])
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
  });

  it("never echoes a database URL that may hold a password", () => {
    expect(() => loadApiConfig(env({ DATABASE_URL: "mysql://root:hunter2@db/x" }), quiet)).toThrow(
      /^(?!.*hunter2)/,
    );
  });

  it("reads PostgreSQL, Redis, proxies and limits", () => {
    const config = loadApiConfig(
      env({
        DATABASE_URL: "postgres://app@db:5432/todo",
        REDIS_URL: "redis://cache:6379",
        TRUST_PROXY: "10.0.0.1, 10.0.0.2",
        RATE_LIMIT_PER_USER: "50",
      }),
      quiet,
    );
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://app@db:5432/todo" });
    expect(config.migrateOnStart).toBe(false);
    expect(config.redisUrl).toBe("redis://cache:6379");
    expect(config.trustProxy).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(config.rateLimit.perUser).toBe(50);
  });
});

describe("loadApiConfig: metrics and traces", () => {
  it("has neither unless asked", () => {
    expect(loadApiConfig(env({}), quiet).observability).toEqual({
      metrics: undefined,
      tracing: undefined,
    });
  });

  it("serves metrics on loopback at METRICS_PORT, or on METRICS_HOST", () => {
    expect(loadApiConfig(env({ METRICS_PORT: "9464" }), quiet).observability?.metrics).toEqual({
      host: "127.0.0.1",
      port: 9464,
    });
    const inside = loadApiConfig(env({ METRICS_PORT: "9464", METRICS_HOST: "10.0.0.5" }), quiet);
    expect(inside.observability?.metrics?.host).toBe("10.0.0.5");
  });

  it("traces when an OTLP endpoint is set, unless the SDK is disabled", () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
    expect(loadApiConfig(env(endpoint), quiet).observability?.tracing).toEqual({
      serviceName: "todo-api",
      protocol: "http/protobuf",
    });
    const named = env({
      ...endpoint,
      OTEL_SERVICE_NAME: "api-eu",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    });
    expect(loadApiConfig(named, quiet).observability?.tracing).toEqual({
      serviceName: "api-eu",
      protocol: "http/json",
    });
    const disabled = env({ ...endpoint, OTEL_SDK_DISABLED: "true" });
    expect(loadApiConfig(disabled, quiet).observability?.tracing).toBeUndefined();
  });

  it.each([
    [{ METRICS_PORT: "4000" }, /METRICS_PORT must differ from the public PORT/],
    [{ METRICS_PORT: "0" }, /METRICS_PORT must be between 1 and 65535/],
    [{ METRICS_PORT: "metrics" }, /METRICS_PORT must be a whole number/],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: "udp" }, /OTEL_EXPORTER_OTLP_PROTOCOL must be one of/],
  ])("refuses %o", (extra, message) => {
    expect(() => loadApiConfig(env(extra), quiet)).toThrow(message);
  });
});

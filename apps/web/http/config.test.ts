import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError } from "@todo/config";
import { describe, expect, it } from "vitest";
import { loadWebConfig } from "./config.js";
import { loadEdgeConfig } from "./edge-config.js";

const strong = () => randomBytes(32).toString("base64url");
const env = (extra: Record<string, string>) => ({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "todo-web-config-")),
  JWT_SECRET: strong(),
  BETTER_AUTH_SECRET: strong(),
  ...extra,
});
const quiet = () => {};

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadWebConfig", () => {
  it("has working defaults for the local run, with the secrets generated once into the data folder", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "todo-web-config-"));
    const messages: string[] = [];
    const config = loadWebConfig({ DATA_DIR: dataDir }, (m) => messages.push(m));
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      trustProxy: false,
      database: { kind: "sqlite" },
      baseURL: "http://localhost:3000",
      apiUrl: "http://localhost:4000",
      authRateLimit: true,
      jwt: { issuer: "http://localhost:3000", audience: "todo-api", ttlSeconds: 900 },
    });
    expect(messages).toHaveLength(1);
    expect(loadWebConfig({ DATA_DIR: dataDir }, quiet).jwt.secret).toBe(config.jwt.secret);
  });

  it.each([
    [{ PORT: "abc" }, /^PORT must be a whole number/],
    [{ BETTER_AUTH_URL: "ftp://x" }, /^BETTER_AUTH_URL must use http or https/],
    [{ API_URL: "http://api/path" }, /^API_URL must be an origin/],
    [{ JWT_TTL_SECONDS: "7200" }, /^JWT_TTL_SECONDS must be between/],
    [{ TRUST_PROXY: "true" }, /^TRUST_PROXY=true is refused/],
    [{ DATABASE_URL: "mysql://root@db/x" }, /^DATABASE_URL must start with/],
    [{ BETTER_AUTH_SECRET: "short" }, /^BETTER_AUTH_SECRET must be at least 32/],
    [
      { BETTER_AUTH_SECRET: "changeme-changeme-changeme-changeme" },
      /^BETTER_AUTH_SECRET looks like a placeholder/,
    ],
  ])("refuses %j with a message naming the variable", (extra, message) => {
    const problems = problemsOf(() => loadWebConfig(env(extra), quiet));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("with a configured database, requires BETTER_AUTH_SECRET instead of generating it", () => {
    const { BETTER_AUTH_SECRET: _, ...rest } = env({ DATABASE_URL: "postgres://app@db/todo" });
    expect(problemsOf(() => loadWebConfig(rest, quiet))).toEqual([
      expect.stringMatching(/^BETTER_AUTH_SECRET is not set/),
    ]);
  });

  it("reports every bad variable in one error", () => {
    const problems = problemsOf(() =>
      loadWebConfig(
        env({
          PORT: "70000",
          API_URL: "*",
          JWT_TTL_SECONDS: "1",
          JWT_SECRET: "short",
          BETTER_AUTH_SECRET: "short",
          DATABASE_URL: "mysql://root@db/x",
        }),
        quiet,
      ),
    );
    const names = problems.map((problem) => problem.split(" ")[0]);
    expect(names.sort()).toEqual(
      [
        "API_URL",
        "BETTER_AUTH_SECRET",
        "DATABASE_URL",
        "JWT_SECRET",
        "JWT_TTL_SECONDS",
        "PORT",
      ].sort(),
    );
  });
});

describe("loadEdgeConfig", () => {
  it("reads the origins only", () => {
    expect(
      loadEdgeConfig({ API_URL: "https://api.example", BETTER_AUTH_URL: "https://app.example" }),
    ).toEqual({ apiUrl: "https://api.example", https: true, development: false });
  });
});

describe("loadWebConfig: metrics and traces", () => {
  it("has neither unless asked, and names its spans todo-web", () => {
    expect(loadWebConfig(env({}), quiet).observability).toEqual({
      metrics: undefined,
      tracing: undefined,
    });
    const on = loadWebConfig(
      env({ METRICS_PORT: "9465", OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" }),
      quiet,
    );
    expect(on.observability).toEqual({
      metrics: { host: "127.0.0.1", port: 9465 },
      tracing: { serviceName: "todo-web", protocol: "http/protobuf" },
    });
  });

  it("refuses a metrics port equal to its public port", () => {
    expect(problemsOf(() => loadWebConfig(env({ METRICS_PORT: "3000" }), quiet))).toEqual([
      "METRICS_PORT must differ from the public PORT (3000)",
    ]);
  });
});

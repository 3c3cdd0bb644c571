import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { loadOrCreateLocalSecrets } from "./local-secrets.js";
import { resolveSecrets } from "./secrets.js";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "todo-config-"));
const strong = () => randomBytes(32).toString("base64url");

describe("loadOrCreateLocalSecrets", () => {
  it("creates the data folder 0700 and refuses an existing secrets file others can read, saying how to fix it", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "todo-perm-")), "data");
    loadOrCreateLocalSecrets(dir, () => {});
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const file = path.join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    expect(() => loadOrCreateLocalSecrets(dir, () => {})).toThrow(ConfigError);
    expect(() => loadOrCreateLocalSecrets(dir, () => {})).toThrow(`chmod 600 ${file}`);
    chmodSync(file, 0o600);
    chmodSync(dir, 0o755);
    expect(loadOrCreateLocalSecrets(dir, () => {}).JWT_SECRET).toHaveLength(43);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("generates two different secrets once, announces it, keeps the file private, and reuses it", () => {
    const dir = tempDir();
    const messages: string[] = [];
    const first = loadOrCreateLocalSecrets(dir, (m) => messages.push(m));
    const second = loadOrCreateLocalSecrets(dir, (m) => messages.push(m));
    expect(second).toEqual(first);
    expect(first.JWT_SECRET).not.toBe(first.BETTER_AUTH_SECRET);
    expect(first.JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("Generated local secrets");
    expect(messages[0]).not.toContain(first.JWT_SECRET);
    const file = path.join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first);
  });
});

describe("resolveSecrets", () => {
  it("with a configured database (a deployment) refuses a missing JWT_SECRET instead of generating one", () => {
    const env = { DATABASE_URL: "postgres://app@db/todo", NODE_ENV: "development" };
    expect(() => resolveSecrets(env, tempDir(), () => {})).toThrow(
      new ConfigError(
        "JWT_SECRET is not set; set it to at least 32 random characters (openssl rand -base64 32)",
      ),
    );
  });

  it("on the zero-config default fills in only what is unset, from the data folder, even under NODE_ENV=production", () => {
    const dir = tempDir();
    const jwt = strong();
    const resolved = resolveSecrets({ JWT_SECRET: jwt, NODE_ENV: "production" }, dir, () => {});
    expect(resolved.jwtSecret).toBe(jwt);
    expect(resolved.source).toBe("environment");
    expect(resolved.betterAuthSecret).toBe(
      loadOrCreateLocalSecrets(dir, () => {}).BETTER_AUTH_SECRET,
    );
  });

  it("validates a secret that is set, in every environment", () => {
    expect(() => resolveSecrets({ JWT_SECRET: "changeme" }, tempDir(), () => {})).toThrow(
      ConfigError,
    );
    const same = strong();
    expect(() =>
      resolveSecrets({ JWT_SECRET: same, BETTER_AUTH_SECRET: same }, tempDir(), () => {}),
    ).toThrow("JWT_SECRET must differ from BETTER_AUTH_SECRET");
  });

  it("names every weak secret at once, and BETTER_AUTH_SECRET when it is required", () => {
    const env = {
      DATABASE_URL: "postgres://app@db/todo",
      JWT_SECRET: "short",
      JWT_PREVIOUS_SECRETS: "changeme",
      BETTER_AUTH_SECRET: "also-short",
    };
    let problems: readonly string[] = [];
    try {
      resolveSecrets(env, tempDir(), () => {}, { betterAuthSecret: "required" });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^JWT_SECRET must be at least 32/);
    expect(problems[1]).toMatch(/^JWT_PREVIOUS_SECRETS entry 1 /);
    expect(problems[2]).toMatch(/^BETTER_AUTH_SECRET must be at least 32/);
    expect(() =>
      resolveSecrets(
        { DATABASE_URL: "postgres://app@db/todo", JWT_SECRET: strong() },
        tempDir(),
        () => {},
        {
          betterAuthSecret: "required",
        },
      ),
    ).toThrow(/^BETTER_AUTH_SECRET is not set/);
  });

  it("reads previous secrets for rotation", () => {
    const previous = [strong(), strong()];
    const resolved = resolveSecrets(
      {
        JWT_SECRET: strong(),
        BETTER_AUTH_SECRET: strong(),
        JWT_PREVIOUS_SECRETS: previous.join(", "),
      },
      tempDir(),
      () => {},
    );
    expect(resolved.previousJwtSecrets).toEqual(previous);
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Runs the HTTP front (from source, through tsx) with `env` and waits for it to exit. */
function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=source",
      "apps/web/http/server.ts",
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "todo-web-server-")),
        // A port that would be free, so that a start that wrongly went ahead would be visible.
        PORT: String(5300 + Math.floor(Math.random() * 500)),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) => {
    child.on("exit", (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the web server process", () => {
  it("refuses to start on a weak BETTER_AUTH_SECRET, naming it, before listening", async () => {
    const { code, output } = await run({ BETTER_AUTH_SECRET: "short" });
    expect(code).toBe(1);
    expect(output).toMatch(/Web configuration error: BETTER_AUTH_SECRET must be at least 32/);
    expect(output).not.toContain("Web app on");
  });

  it("names every bad variable in one message", async () => {
    const { code, output } = await run({
      DATABASE_URL: "postgres://app@db/todo",
      JWT_SECRET: randomBytes(32).toString("base64url"),
      API_URL: "not a url",
      TRUST_PROXY: "true",
    });
    expect(code).toBe(1);
    expect(output).toContain("Web configuration error: 3 problems:");
    for (const name of ["BETTER_AUTH_SECRET is not set", "API_URL", "TRUST_PROXY=true"])
      expect(output).toContain(name);
    expect(output).not.toContain("Web app on");
  });
});

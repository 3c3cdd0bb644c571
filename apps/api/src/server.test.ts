import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { describe, expect, it, vi } from "vitest";
import { openEvents } from "./test/event-client.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PORT = 4300 + Math.floor(Math.random() * 500);

const JWT_SECRET = randomBytes(32).toString("base64url");

function startServer(extraEnv: Record<string, string> = {}): {
  child: ChildProcess;
  output: () => string;
} {
  const dataDir = mkdtempSync(path.join(tmpdir(), "todo-server-"));
  let output = "";
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=source",
      "apps/api/src/server.ts",
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        JWT_SECRET,
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        PORT: String(PORT),
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: tsx runs the server as a child, and the server may fork workers.
      detached: true,
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

/** Kills the server and everything it started (tsx's child, cluster workers), even mid-start. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

async function waitUntilUp(withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not start");
}

/** A PATCH whose body is still being uploaded: the server has started on it but cannot finish. */
function slowPatch(token: string) {
  const body = JSON.stringify({ title: "finished after SIGTERM" });
  const req = request({
    host: "127.0.0.1",
    port: PORT,
    method: "PATCH",
    path: `/api/tasks/${randomUUID()}`,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
  req.write(body.slice(0, 10));
  return { finish: () => req.end(body.slice(10)), response };
}

// The process itself, on the zero-config SQLite default (vitest runs this file in one project).
describe("the API server process", () => {
  it("migrates the local default at start, and on SIGTERM finishes in-flight requests and exits cleanly", async () => {
    const { child, output } = startServer();
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await waitUntilUp();
      expect((await fetch(`http://127.0.0.1:${PORT}/readyz`)).status).toBe(200);
      // Log lines are buffered, yet a quiet server still writes its request line soon, not at exit.
      await vi.waitFor(() => expect(output()).toContain('"route":"/readyz"'), {
        timeout: 5_000,
        interval: 50,
      });
      const issuer = createAccessTokenIssuer({
        keyRing: await createKeyRing({ secret: JWT_SECRET }),
        issuer: "http://localhost:3000",
        audience: "todo-api",
      });
      const { token } = await issuer.mint({ sub: "someone", sid: "session" });
      const inFlight = slowPatch(token);
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The server is shutting down, yet the request it started is still answered in full,
      // with the database still open (the answer needs a query: 404 for a task that is not there).
      expect(child.exitCode).toBeNull();
      inFlight.finish();
      const { status, body } = await inFlight.response;
      expect(status).toBe(404);
      expect(JSON.parse(body).code).toBe("TASK_NOT_FOUND");
      expect(await exited).toBe(0);
      expect(output()).toContain("shut down cleanly");
    } finally {
      killGroup(child);
    }
  });
});

describe("the API server process with open event streams", () => {
  it("ends them with a retry hint on SIGTERM and exits 0 well within the grace period", async () => {
    const { child, output } = startServer();
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await waitUntilUp();
      const issuer = createAccessTokenIssuer({
        keyRing: await createKeyRing({ secret: JWT_SECRET }),
        issuer: "http://localhost:3000",
        audience: "todo-api",
      });
      const { token } = await issuer.mint({ sub: "someone", sid: "session" });
      const base = `http://127.0.0.1:${PORT}`;
      const streams = [
        await openEvents(base, { authorization: `Bearer ${token}` }),
        await openEvents(base, { authorization: `Bearer ${token}` }),
      ];
      for (const stream of streams) expect((await stream.next()).event).toBe("ready");
      const signalledAt = Date.now();
      child.kill("SIGTERM");
      for (const stream of streams) {
        await stream.ended;
        // The last lines are the reconnection hint, after the opening `retry:` line.
        expect(stream.text().trimEnd()).toMatch(/\n\nretry: \d+$/);
      }
      expect(await exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      expect(output()).toContain("shut down cleanly");
    } finally {
      killGroup(child);
    }
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = connect({
    host: new URL(REDIS_URL).hostname,
    port: Number(new URL(REDIS_URL).port || 6379),
  });
  socket.once("connect", () => {
    socket.destroy();
    resolve(true);
  });
  socket.once("error", () => resolve(false));
});
if (!redisUp && !process.env.CI)
  console.warn("Redis not reachable: the API_WORKERS test is skipped");

describe("API_WORKERS", () => {
  it("refuses more than one worker without REDIS_URL, naming both variables", async () => {
    const { child, output } = startServer({ API_WORKERS: "2", REDIS_URL: "" });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output()).toMatch(/API_WORKERS.*REDIS_URL/);
  });

  it.skipIf(!redisUp && !process.env.CI)(
    "serves one port from two worker processes, and stops both on SIGTERM",
    async () => {
      const { child, output } = startServer({ API_WORKERS: "2", REDIS_URL });
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      try {
        // Three processes load the sources through tsx at once: on a busy machine that takes a while.
        await waitUntilUp(75_000);
        // A new connection each time: the primary hands connections to the listening workers in
        // turn. Spread over a few seconds, since the second worker may start listening later.
        for (let i = 0; i < 60; i++) {
          await fetch(`http://127.0.0.1:${PORT}/healthz`, { headers: { connection: "close" } });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        child.kill("SIGTERM");
        expect(await exited).toBe(0);
        // Request log lines are flushed when a worker stops: each names the process that answered.
        const pids = new Set<number>();
        for (const line of output().split("\n")) {
          if (!line.includes("/healthz")) continue;
          const pid = /"pid":(\d+)/.exec(line)?.[1];
          if (pid) pids.add(Number(pid));
        }
        expect(pids.size).toBe(2);
        expect(pids.has(child.pid ?? 0)).toBe(false);
      } finally {
        killGroup(child);
      }
    },
    90_000,
  );
});

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createLogDestination } from "./log-destination.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "log-destination-"));
  dirs.push(dir);
  const file = path.join(dir, "api.log");
  const fd = openSync(file, "a");
  return { fd, read: () => readFileSync(file, "utf8"), close: () => closeSync(fd) };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("the log destination", () => {
  it("holds a few lines until flushed, then writes them in order", async () => {
    const file = logFile();
    const destination = createLogDestination(file.fd);
    destination.write("one\n");
    destination.write("two\n");
    await new Promise((r) => setTimeout(r, 20));
    expect(file.read()).toBe("");
    destination.flush();
    await until(() => file.read() !== "");
    expect(file.read()).toBe("one\ntwo\n");
    destination.flushSync();
    file.close();
  });

  it("writes a full batch without being asked, every line whole and in order", async () => {
    const file = logFile();
    const destination = createLogDestination(file.fd);
    const lines = Array.from(
      { length: 2_000 },
      (_, i) => `{"n":${i},"pad":"${"é".repeat(i % 50)}"}\n`,
    );
    for (const line of lines) destination.write(line);
    await until(() => file.read().length > 0);
    const early = file.read();
    expect(early.length).toBeGreaterThan(0);
    expect(lines.join("").startsWith(early)).toBe(true);
    // flushSync cannot wait for a write already under way in the thread pool (sonic-boom's), so
    // every batch handed over (each time the lines held reach 16 KiB of text) is let land first;
    // what is still held is then written at once.
    let handedOver = 0;
    let held = 0;
    for (const line of lines) {
      held += line.length;
      if (held >= 16 * 1024) {
        handedOver += held;
        held = 0;
      }
    }
    for (let i = 0; i < 1000 && file.read().length < handedOver; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(file.read().length).toBe(handedOver);
    destination.flushSync();
    expect(file.read()).toBe(lines.join(""));
    file.close();
  });

  it("writes the lines it still holds when the process exits", () => {
    const module = fileURLToPath(new URL("./log-destination.ts", import.meta.url));
    const script = [
      `import { createLogDestination } from ${JSON.stringify(module)};`,
      "const destination = createLogDestination(1);",
      "process.once('exit', () => destination.flushSync());",
      "destination.write('shutting down\\n');",
      "destination.write('shut down cleanly\\n');",
    ].join("\n");
    const tsx = fileURLToPath(
      new URL("../../../../node_modules/tsx/dist/cli.mjs", import.meta.url),
    );
    const child = spawnSync(process.execPath, [tsx, "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe("shutting down\nshut down cleanly\n");
  });
});

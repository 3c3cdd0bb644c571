import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDatabase } from "./create-database.js";

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe("the SQLite file", () => {
  it("is created 0600 with its -wal and -shm files, whatever the umask", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "todo-db-")), "data", "app.sqlite");
    const previous = process.umask(0o022);
    try {
      const database = createDatabase({ kind: "sqlite", path: file });
      await sql`create table t (x integer)`.execute(database.db);
      await sql`insert into t values (1)`.execute(database.db);
      expect(modeOf(path.dirname(file))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
      await database.close();
    } finally {
      process.umask(previous);
    }
  });

  it("left readable by others, is tightened to 0600 when opened", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "todo-db-")), "app.sqlite");
    writeFileSync(file, "");
    chmodSync(file, 0o644);
    const database = createDatabase({ kind: "sqlite", path: file });
    await database.ping();
    expect(modeOf(file)).toBe(0o600);
    await database.close();
  });
});

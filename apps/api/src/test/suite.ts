import { afterAll, beforeAll, describe } from "vitest";
import type { ApiConfig } from "../config.js";
import { postgresAvailable, testDatabaseKind } from "./database.js";
import { startTestApp, type TestContext } from "./helper.js";

const kind = testDatabaseKind();
const available = kind === "sqlite" || (await postgresAvailable());

/**
 * A describe block on the database of this test project (SQLite or PostgreSQL), named with it;
 * skipped, with a notice, where PostgreSQL is absent outside CI.
 */
export function describeOnDatabase(name: string, body: () => void): void {
  describe.skipIf(!available)(`${name} [${kind}]`, body);
}

/**
 * A describe block that runs against a fresh app on the database of this test project. The
 * context is filled in before the first test and closed after the last.
 */
export function describeApi(
  name: string,
  body: (ctx: () => TestContext) => void,
  overrides: Partial<ApiConfig> = {},
): void {
  describeOnDatabase(name, () => {
    let context: TestContext | undefined;
    beforeAll(async () => {
      context = await startTestApp(overrides);
    });
    afterAll(async () => {
      await context?.close();
    });
    body(() => {
      if (!context) throw new Error("test app not started");
      return context;
    });
  });
}

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript source ("source" export condition), so tests
// never run against a stale build.
// Only for inlined (workspace) modules; external packages keep Node's own resolution.
const conditions = ["source", "node", "development|production"];

export default defineConfig({
  resolve: {
    conditions,
    // The web app's "@/…" imports (apps/web/tsconfig.json paths), for its unit tests.
    alias: { "@/": fileURLToPath(new URL("./apps/web/src/", import.meta.url)) },
  },
  ssr: { resolve: { conditions } },
  test: {
    // Two cores: one file per worker, no more.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "apps/web/src/**/*.test.ts",
            "apps/web/http/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: {
          // Reads the web app's production build: run after `npm run build:web`, as `npm test` does.
          name: "web-build",
          include: ["scripts/**/*.test.mjs"],
        },
      },
      {
        extends: true,
        test: {
          name: "api-sqlite",
          include: ["apps/api/src/**/*.test.ts"],
          env: { TEST_DATABASE: "sqlite" },
        },
      },
      {
        extends: true,
        test: {
          name: "api-postgres",
          include: ["apps/api/src/**/*.test.ts"],
          // Starts the server process on the zero-config SQLite default: database-independent.
          exclude: ["apps/api/src/server.test.ts"],
          env: { TEST_DATABASE: "postgres" },
        },
      },
    ],
  },
});

// `npm start`: builds what is not built, migrates the database, then runs the web app (:3000)
// and the API (:4000) together on the embedded SQLite default. Ctrl-C stops both.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { API_SERVICE, ROOT, run, supervise } from "./lib/processes.mjs";

// Written by the web build itself (the service worker): never a reason to build again.
const BUILD_OUTPUT = ["node_modules", "dist", ".next", "e2e", "sw.js", "sw.js.map"];

/** Newest modification time of the files under the given folders (skipping build output). */
function newest(folders) {
  let latest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (BUILD_OUTPUT.includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else latest = Math.max(latest, statSync(full).mtimeMs);
    }
  };
  for (const folder of folders) if (existsSync(folder)) visit(folder);
  return latest;
}

if (!existsSync(path.join(ROOT, "node_modules"))) {
  console.error("Dependencies are missing: run `npm install` first.");
  process.exit(1);
}

console.info("Building the packages and the API (incremental)…");
run("npm", ["run", "--silent", "build"]);

const buildId = path.join(ROOT, "apps/web/.next/BUILD_ID");
const webSources = ["apps/web", "packages"].map((folder) => path.join(ROOT, folder));
if (!existsSync(buildId) || newest(webSources) > statSync(buildId).mtimeMs) {
  console.info("Building the web app…");
  run("npm", ["run", "--silent", "build:web"]);
}

console.info("Migrating the database…");
run(process.execPath, ["packages/db/dist/migrate-cli.js"]);

supervise([
  API_SERVICE,
  {
    name: "web",
    command: process.execPath,
    args: ["apps/web/dist/server.js", "--port", process.env.WEB_PORT ?? "3000"],
  },
]);
console.info(
  "\nOpen http://localhost:3000 (API on http://localhost:4000, docs at /docs). Ctrl-C stops both.\n",
);

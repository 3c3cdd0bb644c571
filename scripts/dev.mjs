// `npm run dev`: both services with reload. The API runs from TypeScript source through tsx
// (the "source" export condition points workspace packages at their src/); the web app runs behind
// its own HTTP front (apps/web/http/server.ts) in development mode, and Next.js reloads itself.
import path from "node:path";
import { ROOT, run, supervise } from "./lib/processes.mjs";

run("npm", ["run", "--silent", "build"]);
run(process.execPath, ["packages/db/dist/migrate-cli.js"]);

supervise([
  {
    name: "api",
    command: process.execPath,
    args: [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "watch",
      "--conditions=source",
      "apps/api/src/server.ts",
    ],
  },
  {
    name: "web",
    command: process.execPath,
    args: ["apps/web/dist/server.js", "--dev", "--port", "3000"],
  },
]);

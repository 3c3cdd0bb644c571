// `npm run start:api`: the built API alone, with its production Node options (lib/processes.mjs).
import { API_ENV, API_NODE_OPTIONS, supervise } from "./lib/processes.mjs";

supervise([
  {
    name: "api",
    command: process.execPath,
    args: [...API_NODE_OPTIONS, "apps/api/dist/server.js"],
    env: API_ENV,
  },
]);

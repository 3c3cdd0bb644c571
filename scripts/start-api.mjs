// `npm run start:api`: the built API alone, with its production Node options (lib/processes.mjs).
import { API_ENV, apiArgs, supervise } from "./lib/processes.mjs";

supervise([
  {
    name: "api",
    command: process.execPath,
    args: apiArgs(),
    env: API_ENV,
  },
]);

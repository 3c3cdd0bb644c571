// `npm run start:api`: the built API alone, with its production Node options (lib/processes.mjs).
import { API_SERVICE, supervise } from "./lib/processes.mjs";

supervise([API_SERVICE]);

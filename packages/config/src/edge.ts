// What a request proxy may import: environment parsing and the default origins, nothing that
// reads or writes files (no data folder, no secrets), so a bundler traces nothing beyond it.
export { DEFAULT_API_ORIGIN, DEFAULT_WEB_ORIGIN } from "./jwt-settings.js";
export { collectConfig, envSchema, origin, parseEnv } from "./schema.js";

export { answerClientError } from "./client-error.js";
export { resolveDataDir } from "./data-dir.js";
export type { Env } from "./env.js";
export { ConfigError } from "./errors.js";
export {
  DEFAULT_API_ORIGIN,
  DEFAULT_AUDIENCE,
  DEFAULT_MAX_SESSIONS_PER_USER,
  DEFAULT_WEB_ORIGIN,
  MAX_SESSIONS_PER_USER_LIMIT,
} from "./jwt-settings.js";
export {
  type MetricsListener,
  type Observability,
  observabilityFields,
  readObservability,
} from "./observability.js";
export {
  loggedPath,
  loggerOptions,
  pathWithoutQuery,
  type RequestLineParts,
  requestLineFields,
} from "./request-line.js";
export {
  collectConfig,
  envSchema,
  integer,
  oneOf,
  optionalString,
  origin,
  originList,
  parseEnv,
  sharedFields,
  stringWithDefault,
} from "./schema.js";
export { type ResolvedSecrets, resolveSecrets } from "./secrets.js";
export {
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  type ProxyTrust,
  proxyTrust,
  readTrustProxy,
  type TrustProxy,
} from "./trust-proxy.js";

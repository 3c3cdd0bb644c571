export { resolveDataDir } from "./data-dir.js";
export {
  type Env,
  parseOrigin,
  readInteger,
  readList,
  readOrigin,
  readString,
} from "./env.js";
export { ConfigError } from "./errors.js";
export {
  DEFAULT_API_ORIGIN,
  DEFAULT_AUDIENCE,
  DEFAULT_WEB_ORIGIN,
  type JwtSettings,
  readJwtSettings,
} from "./jwt-settings.js";
export { type LocalSecrets, loadOrCreateLocalSecrets } from "./local-secrets.js";
export { isZeroConfigLocalRun, type ResolvedSecrets, resolveSecrets } from "./secrets.js";
export {
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  type ProxyTrust,
  proxyTrust,
  readTrustProxy,
  type TrustProxy,
} from "./trust-proxy.js";

export { type AccessTokenPlugin, accessTokenPlugin } from "./access-token-plugin.js";
export { type Attempt, type AttemptLimiter, attemptLimiter } from "./attempt-limiter.js";
export { type AuditEvent, type AuditSink, consoleAuditSink } from "./audit.js";
export {
  CounterStoreFullError,
  type Counters,
  countersFor,
  memoryCounters,
  redisCounters,
  type Window,
  withFallback,
} from "./counters.js";
export { type Auth, type AuthSettings, createAuth } from "./create-auth.js";
export { type RevocationNotifier, redisRevocationNotifier } from "./revocation-plugin.js";
export { authSchemaOptions } from "./schema-options.js";
export type { SessionSummary } from "./sessions-plugin.js";

import { type Env, readString } from "./env.js";
import { ConfigError } from "./errors.js";

export const DEFAULT_WEB_ORIGIN = "http://localhost:3000";
export const DEFAULT_API_ORIGIN = "http://localhost:4000";
export const DEFAULT_AUDIENCE = "todo-api";

export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
}

/** Both services must agree on these two values; they come from one function for that reason. */
export function readJwtSettings(env: Env): JwtSettings {
  const issuer = readString(env, "JWT_ISSUER") ?? DEFAULT_WEB_ORIGIN;
  const audience = readString(env, "JWT_AUDIENCE") ?? DEFAULT_AUDIENCE;
  if (issuer.length > 255 || audience.length > 255) {
    throw new ConfigError("JWT_ISSUER and JWT_AUDIENCE must be at most 255 characters");
  }
  return { issuer, audience };
}

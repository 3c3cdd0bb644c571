import { ConfigError } from "./errors.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** A trimmed, non-empty value or undefined. */
export function readString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw new ConfigError(`${name} must be between ${range.min} and ${range.max}, got ${value}`);
  }
  return value;
}

/** An http(s) origin such as "http://localhost:3000" (scheme, host, port; no path). */
export function readOrigin(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name) ?? fallback;
  return parseOrigin(raw, name);
}

export function parseOrigin(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name} must use http or https, got "${url.protocol}"`);
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name} must be an origin without path, query or credentials`);
  }
  return url.origin;
}

export function readList(env: Env, name: string): string[] | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

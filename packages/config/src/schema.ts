import { z } from "zod";
import { type Env, parseOrigin, readInteger, readList, readOrigin, readString } from "./env.js";
import { ConfigError } from "./errors.js";
import { DEFAULT_AUDIENCE, DEFAULT_WEB_ORIGIN } from "./jwt-settings.js";
import { readTrustProxy } from "./trust-proxy.js";

/**
 * The building blocks of each service's environment schema. A service's config module declares
 * `envSchema({ NAME: field, … })`, parses the environment with it once at start (`parseEnv`), and
 * is the only reader of `process.env` in that service. Each field reuses the readers of this
 * package, so a variable means the same in every service; a reader's ConfigError becomes an issue
 * on that variable, and zod carries on with the others, so one start reports every bad variable.
 */
type Field<T> = (name: string) => z.ZodType<T, string | undefined>;

export function variable<T>(read: (env: Env, name: string) => T): Field<T> {
  return (name) =>
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        try {
          return read({ [name]: raw }, name);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          for (const message of error.problems) ctx.addIssue({ code: "custom", message });
          return z.NEVER;
        }
      });
}

/** A trimmed, non-empty value, or undefined when unset or blank. */
export const optionalString = (): Field<string | undefined> => variable(readString);

export const stringWithDefault = (fallback: string): Field<string> =>
  variable((env, name) => readString(env, name) ?? fallback);

const bounded = (fallback: string, maxLength: number): Field<string> =>
  variable((env, name) => {
    const value = readString(env, name) ?? fallback;
    if (value.length > maxLength)
      throw new ConfigError(`${name} must be at most ${maxLength} characters`);
    return value;
  });

export const integer = (fallback: number, range: { min: number; max: number }): Field<number> =>
  variable((env, name) => readInteger(env, name, fallback, range));

/** An http(s) origin (scheme, host, port; no path). */
export const origin = (fallback: string): Field<string> =>
  variable((env, name) => readOrigin(env, name, fallback));

/** Comma-separated exact origins, no wildcard. */
export const originList = (fallback: readonly string[]): Field<readonly string[]> =>
  variable((env, name) => (readList(env, name) ?? [...fallback]).map((o) => parseOrigin(o, name)));

export const oneOf = <T extends string>(values: readonly T[], fallback: T): Field<T> =>
  variable((env, name) => {
    const value = readString(env, name) ?? fallback;
    if (!(values as readonly string[]).includes(value))
      throw new ConfigError(`${name} must be one of ${values.join(",")}`);
    return value as T;
  });

/**
 * What both services read alike. The secrets (JWT_SECRET, JWT_PREVIOUS_SECRETS,
 * BETTER_AUTH_SECRET) and DATABASE_URL depend on one another and on the data folder, so they are
 * resolved next to the schema (`resolveSecrets`, `parseDatabaseUrl` in @todo/db); their raw values
 * are declared here so that the schema names every variable a service reads.
 */
export const sharedFields = {
  DATA_DIR: optionalString(),
  DATABASE_URL: optionalString(),
  JWT_SECRET: optionalString(),
  JWT_PREVIOUS_SECRETS: optionalString(),
  BETTER_AUTH_SECRET: optionalString(),
  // Both services must agree on these two; they are read by this one definition for that reason.
  JWT_ISSUER: bounded(DEFAULT_WEB_ORIGIN, 255),
  JWT_AUDIENCE: bounded(DEFAULT_AUDIENCE, 255),
  REDIS_URL: optionalString(),
  TRUST_PROXY: variable((env) => readTrustProxy(env)),
} satisfies Record<string, Field<unknown>>;

type Shape<F> = {
  [K in keyof F]: F[K] extends Field<infer T> ? z.ZodType<T, string | undefined> : never;
};

/** A zod object over the environment: each field named by its variable. */
export function envSchema<F extends Record<string, Field<unknown>>>(
  fields: F,
): z.ZodObject<Shape<F>> {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, field(name)]),
  );
  return z.object(shape) as unknown as z.ZodObject<Shape<F>>;
}

/** Parses the environment; throws one ConfigError listing every bad variable. */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => issue.message));
}

/**
 * Runs each step of a config load, collecting the ConfigErrors of all of them, and throws one
 * ConfigError with every problem found; otherwise returns each step's result by name.
 */
export function collectConfig<T extends Record<string, () => unknown>>(
  steps: T,
): { [K in keyof T]: ReturnType<T[K]> } {
  const problems: string[] = [];
  const results: Record<string, unknown> = {};
  for (const [name, step] of Object.entries(steps)) {
    try {
      results[name] = step();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return results as { [K in keyof T]: ReturnType<T[K]> };
}

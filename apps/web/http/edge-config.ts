// The request proxy's config (apps/web/src/proxy.ts): origins only, no secrets and no database,
// so it stays cheap on every request and the proxy's bundle traces no file-system code.
import {
  collectConfig,
  DEFAULT_API_ORIGIN,
  DEFAULT_WEB_ORIGIN,
  envSchema,
  origin,
  parseEnv,
} from "@todo/config/edge";

type Env = Readonly<Record<string, string | undefined>>;

export function loadEdgeConfig(env: Env = process.env) {
  const { vars } = collectConfig({
    vars: () =>
      parseEnv(
        envSchema({
          API_URL: origin(DEFAULT_API_ORIGIN),
          BETTER_AUTH_URL: origin(DEFAULT_WEB_ORIGIN),
        }),
        env,
      ),
  });
  return {
    apiUrl: vars.API_URL,
    https: vars.BETTER_AUTH_URL.startsWith("https://"),
    development: env.NODE_ENV === "development",
  };
}

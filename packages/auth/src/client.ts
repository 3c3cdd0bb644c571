import type { BetterAuthClientPlugin } from "better-auth/client";
import type { AccessTokenPlugin } from "./access-token-plugin.js";

/** Makes `authClient.token()` typed in the browser. Imports types only: no server code ships. */
export function accessTokenClient() {
  return {
    id: "access-token",
    $InferServerPlugin: {} as AccessTokenPlugin,
  } satisfies BetterAuthClientPlugin;
}

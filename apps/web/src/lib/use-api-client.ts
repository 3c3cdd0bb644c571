"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo } from "react";
import { accessTokens } from "./access-token";
import { type ApiClient, createApiClient } from "./api-client";
import { authClient } from "./auth-client";
import { wipeDeviceData } from "./offline/wipe";

/**
 * A second 401 after a fresh token, or the session revoked (the live stream says so): the
 * session cannot be trusted any more. Wipe what the browser kept of the user (decision 0030),
 * end the session, then send the user to sign in and back to `returnTo` afterwards.
 */
export function useSignOutAndReturn(returnTo: string): () => void {
  const router = useRouter();
  return useCallback(() => {
    accessTokens.end();
    void wipeDeviceData()
      .then(() => authClient.signOut())
      .finally(() => router.replace(`/sign-in?next=${encodeURIComponent(returnTo)}`));
  }, [returnTo, router]);
}

/** The API client for a page; a lost session signs out and comes back to `returnTo` after. */
export function useApiClient(apiUrl: string, returnTo: string): ApiClient {
  const onSignedOut = useSignOutAndReturn(returnTo);
  return useMemo(
    () => createApiClient({ baseUrl: apiUrl, tokens: accessTokens, onSignedOut }),
    [apiUrl, onSignedOut],
  );
}

"use client";

import { useEffect } from "react";
import { accessTokens } from "@/lib/access-token";
import { wipeDeviceData } from "@/lib/offline/wipe";
import { onSignedOutElsewhere } from "@/lib/session-channel";

/** Mounted on every signed-in page: another tab's sign-out signs this one out too, at once. */
export function SessionFollower() {
  useEffect(
    () =>
      onSignedOutElsewhere(() => {
        accessTokens.end();
        // What this tab kept of the user goes before it leaves (decision 0030); then a full
        // navigation: the server re-renders the header without the session.
        void wipeDeviceData().finally(() => window.location.assign("/sign-in"));
      }),
    [],
  );
  return null;
}

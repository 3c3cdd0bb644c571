"use client";

import { useEffect } from "react";
import { accessTokens } from "@/lib/access-token";
import { onSignedOutElsewhere } from "@/lib/session-channel";

/** Mounted on every signed-in page: another tab's sign-out signs this one out too, at once. */
export function SessionFollower() {
  useEffect(
    () =>
      onSignedOutElsewhere(() => {
        accessTokens.clear();
        // A full navigation: the server re-renders the header without the session.
        window.location.assign("/sign-in");
      }),
    [],
  );
  return null;
}

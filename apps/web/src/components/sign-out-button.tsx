"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { wipeDeviceData } from "@/lib/offline/wipe";
import { announceSignedOut } from "@/lib/session-channel";

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          // The token goes first: nothing may use it once sign-out has begun. Then everything
          // of the user kept in this browser, before the session ends (decision 0030).
          accessTokens.end();
          await wipeDeviceData();
          const result = await authClient.signOut().catch(() => ({ error: { status: 0 } }));
          // 503: the server could not record the sign-out and changed nothing; say so.
          if (result.error?.status === 503) {
            setBusy(false);
            setFailed(true);
            return;
          }
          announceSignedOut();
          router.replace("/sign-in");
          router.refresh();
        }}
      >
        {busy ? "Signing out…" : "Sign out"}
      </button>
      {failed && (
        <span className="alert error" role="alert">
          Sign-out did not go through. Try again.
        </span>
      )}
    </>
  );
}

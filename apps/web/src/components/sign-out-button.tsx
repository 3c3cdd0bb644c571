"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        // The token goes first: nothing may use it once sign-out has begun.
        accessTokens.clear();
        await authClient.signOut().catch(() => undefined);
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}

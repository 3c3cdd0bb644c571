"use client";

import Link from "next/link";
import { deviceCopyOpen } from "@/lib/offline/device-user";
import { usePageValue } from "@/lib/page-value";

/**
 * The header's links for a visitor without a session. The offline shell is precached without
 * cookies, so it always renders them; while it runs a user's tasks from the device's copy they
 * step aside (that user is working, not signed out; the offline indicator says what is going on).
 */
export function SignedOutNav() {
  if (usePageValue(deviceCopyOpen)) return null;
  return (
    <>
      <Link href="/sign-in">Sign in</Link>
      <Link className="button" href="/sign-up">
        Sign up
      </Link>
    </>
  );
}

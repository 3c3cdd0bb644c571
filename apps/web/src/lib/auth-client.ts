"use client";

import { accessTokenClient } from "@todo/auth/client";
import { createAuthClient } from "better-auth/react";

/** Talks to Better Auth on this same origin (/api/auth/*); the session stays in its HttpOnly cookie. */
export const authClient = createAuthClient({ plugins: [accessTokenClient()] });

import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { loadEdgeConfig } from "../http/edge-config";
import { contentSecurityPolicy } from "./server/content-security-policy";

const PROTECTED = ["/tasks", "/account"];
const edge = loadEdgeConfig();

function isProtected(pathname: string): boolean {
  return PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * Runs before every page. It sets the Content-Security-Policy with a fresh nonce, and sends a
 * visitor without a session cookie to sign in. That cookie check is only the fast path: every
 * protected page checks the session again on the server before rendering anything.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isProtected(pathname) && !getSessionCookie(request, { cookiePrefix: "todo" })) {
    const url = new URL("/sign-in", request.url);
    url.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy({ nonce, ...edge });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (edge.https) {
    response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  return response;
}

export const config = {
  // Every page; not static assets or the auth API (JSON, no documents to protect).
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};

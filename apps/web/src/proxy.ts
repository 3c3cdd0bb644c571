import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";

const PROTECTED = ["/tasks", "/account"];

/**
 * The fast path only: whether a session cookie is present, not whether it is valid. Every
 * protected page checks the session again on the server before rendering anything.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasCookie = Boolean(getSessionCookie(request, { cookiePrefix: "todo" }));
  if (!hasCookie && PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = new URL("/sign-in", request.url);
    url.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/tasks", "/tasks/:path*", "/account", "/account/:path*"],
};

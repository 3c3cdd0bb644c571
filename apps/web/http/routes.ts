import { pathWithoutQuery } from "@todo/config";

/** The pages of the app (src/app): each its own label value. */
const PAGES = new Set(["/", "/sign-in", "/sign-up", "/tasks", "/account"]);

/**
 * A bounded route label for a request to the web app: a page, Better Auth's endpoints together,
 * Next.js's assets together, or `other`; never the raw path (it may carry an identifier, and each
 * distinct path would be a series of its own).
 */
export function routeOf(url: string | undefined): string {
  const path = pathWithoutQuery(url ?? "/");
  if (PAGES.has(path)) return path;
  if (path.startsWith("/api/auth/")) return "/api/auth/*";
  if (path.startsWith("/_next/")) return "/_next/*";
  return "other";
}

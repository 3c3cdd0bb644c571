/**
 * Where to go after signing in: only a path on this site. "//evil.example" and "/\evil.example"
 * are protocol-relative URLs to another host (open redirect, ASVS 3.7), so they are refused.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/tasks"): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  if (/[\p{Cc}\\]/u.test(value)) return fallback;
  return value;
}

/**
 * A strict policy (OWASP ASVS 3.4.3): scripts only with this response's nonce (Next.js puts it on
 * its own scripts when it sees the policy on the request), no plugins, no <base>, no framing, and
 * network access only to this origin and the API.
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  apiUrl: string;
  https: boolean;
  development: boolean;
}): string {
  const { nonce, apiUrl, https, development } = options;
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Next's development server injects <style> elements without the nonce; production does not.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // Inline style attributes (React's style prop, Next's route announcer) cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${apiUrl}${development ? " ws:" : ""}`,
    // The service worker (sw.js) and nothing else: named, since worker-src would otherwise
    // fall back to script-src, whose 'strict-dynamic' ignores 'self' (decision 0026).
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

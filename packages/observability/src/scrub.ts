import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { loggedPath } from "@todo/config";

/**
 * Attributes that may hold a whole URL, a target or a path: kept as a log line would give them,
 * without their query string and without an invite code (@todo/config's loggedPath).
 */
const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "url.path"];

function scrubbedUrl(value: string): string {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(value)?.[0] ?? "";
  return origin + loggedPath(value.slice(origin.length) || "/");
}

/**
 * Takes out of every span, whichever library made it (Next.js, Better Auth, the pg and undici
 * instrumentations), what could carry a credential: query strings (`url.query`, and the query of
 * any URL-like attribute), invite codes in paths and captured headers (Authorization, Cookie, Set-Cookie). Runs before
 * the exporting processor, on the span's own attributes (RFC 6750 §5.3; ASVS 16.2.5).
 */
export class ScrubbingSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of Object.keys(attributes)) {
      if (key === "url.query" || key.startsWith("http.request.header.")) {
        delete attributes[key];
      } else if (key.startsWith("http.response.header.")) {
        delete attributes[key];
      } else if (URL_ATTRIBUTES.includes(key)) {
        const value = attributes[key];
        if (typeof value === "string") attributes[key] = scrubbedUrl(value);
      }
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

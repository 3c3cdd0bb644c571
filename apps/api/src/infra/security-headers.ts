import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

// A JSON API never needs to be framed, run scripts or load anything (OWASP ASVS 5.0 V3.4).
const API_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  // User data must not sit in any shared or browser cache (ASVS 14.3).
  "cache-control": "no-store",
} as const;

const HSTS = "max-age=31536000; includeSubDomains";

export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(API_HEADERS);
  reply.header("x-request-id", request.id);
  // HSTS only means something over https (directly or through a trusted proxy).
  if (request.protocol === "https") reply.header("strict-transport-security", HSTS);
}

/** Security headers on every response, errors and 404s included. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    applySecurityHeaders(request, reply);
    done();
  });
}

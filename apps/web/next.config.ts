import type { NextConfig } from "next";

const config: NextConfig = {
  // No framework fingerprint (X-Powered-By).
  poweredByHeader: false,
  reactStrictMode: true,
  // Pages are rendered per request (they need the session and the CSP nonce).
  // Native drivers stay plain Node requires on the server; they are never bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "kysely", "ioredis"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // An invite code is in this page's path: a capability. No Referer carries it to any
        // other page or origin, and no cache keeps the page (docs/security.md, "Sharing").
        source: "/join/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default config;

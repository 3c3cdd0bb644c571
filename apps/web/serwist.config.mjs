// @ts-check
// `serwist build` (run by `npm run build:web` after `next build`) bundles src/app/sw.ts into
// public/sw.js with the list of files to precache. Configurator mode of @serwist/next: it works
// with Turbopack, which `next build` uses here, because it reads the build's output, not the bundler.
import { randomUUID } from "node:crypto";
import { serwist } from "@serwist/next/config";

export default await serwist({
  swSrc: "src/app/sw.ts",
  swDest: "public/sw.js",
  // Every page is rendered per request (session, CSP nonce): there is nothing prerendered to keep.
  precachePrerendered: false,
  // The offline shell is the one page precached; a new build gives it a new revision.
  additionalPrecacheEntries: [{ url: "/offline", revision: randomUUID() }],
  globIgnores: ["public/sw.js", "public/sw.js.map"],
});

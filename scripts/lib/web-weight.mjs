// The JavaScript a page loads on first visit, from the production build (`npm run build:web`):
// Next.js's root scripts plus the page's and its layouts' chunks, each gzipped at level 9 (the
// same files Chromium fetches for the page). One measurement, shared by `npm run weight` and the
// test that holds the budget (scripts/web-weight.test.mjs).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export const BUDGET_KB = 250;
export const WEB_BUILD = fileURLToPath(new URL("../../apps/web/.next", import.meta.url));

/** @returns {{ route: string, scripts: number, rawBytes: number, gzippedBytes: number }} */
export function measureFirstLoad(route = "/tasks", build = WEB_BUILD) {
  const manifestFile = path.join(build, `server/app${route}/page_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) {
    throw new Error(
      `no production build of ${route} in ${build}: run \`npm run build:web\` first (npm test does)`,
    );
  }
  // The manifest is a script that assigns to globalThis; run it in a context of its own.
  const context = {};
  runInNewContext(readFileSync(manifestFile, "utf8"), context);
  const manifest = context.__RSC_MANIFEST[`${route}/page`];
  const buildManifest = JSON.parse(readFileSync(path.join(build, "build-manifest.json"), "utf8"));
  const files = new Set([
    ...buildManifest.rootMainFiles,
    ...Object.values(manifest.entryJSFiles).flat(),
  ]);
  let rawBytes = 0;
  let gzippedBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(build, file));
    rawBytes += bytes.length;
    gzippedBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { route, scripts: files.size, rawBytes, gzippedBytes };
}

const kb = (bytes) => Math.round(bytes / 1024);

/** The sentence docs/web-app.md quotes (its "The web app's weight" section). */
export function describeWeight({ route, scripts, rawBytes, gzippedBytes }) {
  const page = route === "/tasks" ? "The tasks page" : `The ${route} page`;
  return `${page} loads ${kb(gzippedBytes)} KB of JavaScript gzipped on first load (${kb(rawBytes)} KB uncompressed, ${scripts} scripts)`;
}

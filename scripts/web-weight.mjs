// The JavaScript a page loads on first visit, from the production build (`npm run build:web`):
// Next.js's root scripts plus the page's and its layouts' chunks, each gzipped at level 9 (the
// same files Chromium fetches for the page). Exits 1 above the budget.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const route = process.argv[2] ?? "/tasks";
const next = path.join(fileURLToPath(new URL("..", import.meta.url)), "apps/web/.next");
const require = createRequire(import.meta.url);

globalThis.self = globalThis;
require(path.join(next, `server/app${route}/page_client-reference-manifest.js`));
const manifest = globalThis.__RSC_MANIFEST[`${route}/page`];
const { rootMainFiles } = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8"));
const files = new Set([...rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);

let raw = 0;
let gzipped = 0;
for (const file of files) {
  const bytes = readFileSync(path.join(next, file));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.info(`${route}: ${files.size} scripts, ${kb(gzipped)} KB gzipped (${kb(raw)} KB raw)`);
if (gzipped / 1024 > BUDGET_KB) {
  console.error(`over the budget of ${BUDGET_KB} KB gzipped`);
  process.exit(1);
}

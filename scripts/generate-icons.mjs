// Renders the app's icon (apps/web/src/app/icon.svg) into the PNGs the web app manifest names:
// 192 and 512 px, and a maskable 512 px one whose mark sits inside the safe zone (the inner 80%)
// on a full-bleed background, so that a launcher's circle or squircle crop never cuts the tick.
//
//   npm run icons      (writes apps/web/public/icons/*.png; the PNGs are committed)
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "apps/web/src/app/icon.svg");
const out = path.join(root, "apps/web/public/icons");

const svg = await readFile(source, "utf8");
const inner = svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
// The same drawing, scaled to 60% and centred on a square of the icon's blue.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#3b5bdb"/><g transform="translate(6.4 6.4) scale(0.6)">${inner}</g></svg>`;

function render(drawing, size) {
  return new Resvg(drawing, { fitTo: { mode: "width", value: size } }).render().asPng();
}

const icons = [
  ["icon-192.png", svg, 192],
  ["icon-512.png", svg, 512],
  ["icon-maskable-512.png", maskable, 512],
];
for (const [name, drawing, size] of icons) {
  await writeFile(path.join(out, name), render(drawing, size));
  console.info(`${path.relative(root, path.join(out, name))} (${size}×${size})`);
}

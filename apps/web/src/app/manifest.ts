import type { MetadataRoute } from "next";

/**
 * The web app manifest (/manifest.webmanifest): what makes the app installable. It starts on the
 * tasks page, in a window of its own; the icons come from `npm run icons` (scripts/generate-icons.mjs).
 * A manifest has one theme colour: the dark one is given to the page itself (layout.tsx's viewport).
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/tasks",
    name: "Todo",
    short_name: "Todo",
    description: "Your tasks, private to you.",
    start_url: "/tasks",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: "#3b5bdb",
    background_color: "#f6f7fb",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      {
        src: "/icons/icon-maskable-512.png",
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
    ],
  };
}

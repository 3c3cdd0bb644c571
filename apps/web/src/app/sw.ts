/// <reference lib="webworker" />
// The service worker (built by `serwist build` after `next build` into public/sw.js; serwist.config.mjs).
// What it keeps and what it never keeps is decision 0026:
// - it precaches the build's static assets (/_next/static, the icons) and the offline shell
//   (/offline, fetched without cookies, so it is the signed-out shell and holds no user data);
// - a navigation always goes to the network (the /tasks HTML carries the user's tasks and is never
//   stored); only when the network fails does the offline shell answer instead;
// - nothing else is routed: API calls, /api/auth/* and the live event stream pass straight through
//   and are never cached.
import type { PrecacheEntry, SerwistGlobalConfig } from "serwist";
import { NetworkOnly, Serwist } from "serwist";
import { OFFLINE_URL } from "../lib/offline/offline-shell";
import { installReminderClicks } from "../lib/reminders/sw-reminders";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // The shell is fetched without credentials: whatever the page would say about the signed-in
  // user (the header's name) cannot end up in the cache.
  precacheOptions: { fetchOptions: { credentials: "omit" }, cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: new NetworkOnly(),
    },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE_URL, matcher: ({ request }) => request.mode === "navigate" }],
  },
});

// A click on a reminder's notification focuses the tasks page at the task (decision 0031).
installReminderClicks(self);

serwist.addEventListeners();

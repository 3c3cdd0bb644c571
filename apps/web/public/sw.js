// A minimal service worker: it holds the registration through which the tasks page shows
// reminders (ServiceWorkerRegistration.showNotification, docs/decisions/0031-due-time-and-reminders.md).
// It caches nothing and handles no fetch. The app's full service worker (src/app/sw.ts, built
// with Serwist) takes its place at this same address and installs the click handling of
// src/lib/reminders/sw-reminders.ts.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

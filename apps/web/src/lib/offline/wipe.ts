import type { QueryClient } from "@tanstack/react-query";
import { closeDeviceStores, deleteDeviceDatabases } from "./device-store";
import { stopPersisting } from "./persister";

let active: QueryClient | undefined;

/** The page's query client, so that a wipe empties it too; returns the unregister function. */
export function registerForWipe(client: QueryClient): () => void {
  active = client;
  return () => {
    if (active === client) active = undefined;
  };
}

/** A wipe never holds sign-out up for longer than this; a blocked deletion still completes. */
const WIPE_WAIT_MS = 3000;

/**
 * The service worker's precache holds the build's static files and the offline shell, fetched
 * without cookies (decision 0026): nothing of any user. It stays, so the next person on this
 * device still gets the shell offline; every other cache goes.
 */
const isAppShell = (name: string) => name.startsWith("serwist-precache");

async function clearCacheStorage(): Promise<void> {
  if (typeof caches === "undefined") return;
  for (const name of await caches.keys()) if (!isAppShell(name)) await caches.delete(name);
}

/** Notifications already shown carry task titles: they go too. */
async function closeNotifications(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  for (const notification of (await registration?.getNotifications()) ?? []) notification.close();
}

/**
 * Removes everything of the user from this browser, before sign-out goes on (decision 0030):
 * the in-memory cache and the queued changes, every IndexedDB database of the app, every Cache
 * Storage entry but the app shell's, the notifications shown, and the origin's local and session
 * storage. Called by sign-out, by account deletion and when the session ends elsewhere (another
 * tab, a revocation).
 */
export async function wipeDeviceData(): Promise<void> {
  stopPersisting();
  if (active) {
    active.getMutationCache().clear();
    active.clear();
  }
  closeDeviceStores();
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // Storage disabled by the browser: nothing was kept there either.
  }
  const work = Promise.allSettled([
    deleteDeviceDatabases(),
    clearCacheStorage(),
    closeNotifications(),
  ]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, WIPE_WAIT_MS)))]);
  clearTimeout(timer);
}

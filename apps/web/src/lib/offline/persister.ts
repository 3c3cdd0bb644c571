import type { PersistedClient, Persister } from "@tanstack/react-query-persist-client";
import { del, get, set } from "idb-keyval";
import { deviceStore } from "./device-store";

const KEY = "query-client";
/** Writes are grouped: one per quarter second, whatever the number of cache events. */
const THROTTLE_MS = 250;

let stopped = false;

/** After a wipe nothing may be written again in this page, even a write already scheduled. */
export function stopPersisting(): void {
  stopped = true;
}

/** TanStack Query's persister on the user's own IndexedDB database (device-store.ts). */
export function userPersister(userId: string): Persister {
  stopped = false;
  const store = deviceStore(userId);
  let pending: PersistedClient | undefined;
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const client = pending;
    pending = undefined;
    if (client && !stopped) await set(KEY, client, store);
  };
  return {
    persistClient: async (client) => {
      if (stopped) return;
      pending = client;
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => void flush(), THROTTLE_MS);
    },
    restoreClient: () => get<PersistedClient>(KEY, store),
    removeClient: () => del(KEY, store),
  };
}

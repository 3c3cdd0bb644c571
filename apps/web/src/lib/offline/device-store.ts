import { promisifyRequest, type UseStore } from "idb-keyval";

/**
 * The one IndexedDB database the app keeps per user on a device: its name carries the user id,
 * so two people on one browser never read each other's copy (docs/decisions/0030-offline-copy-and-queue.md).
 * Every database of the app starts with this prefix: the wipe finds them all by it.
 */
const DEVICE_DB_PREFIX = "todo-offline-";
const STORE = "cache";

export function deviceDbName(userId: string): string {
  return `${DEVICE_DB_PREFIX}${userId}`;
}

const open = new Set<IDBDatabase>();

/**
 * An idb-keyval store on the user's database. The connection closes itself when another tab
 * deletes the database (versionchange), so a wipe there is never blocked by this tab.
 */
export function deviceStore(userId: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  const db = () => {
    if (connection !== undefined) return connection;
    const request = indexedDB.open(deviceDbName(userId));
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    connection = promisifyRequest(request).then((database) => {
      open.add(database);
      const forget = () => {
        open.delete(database);
        database.close();
        connection = undefined;
      };
      database.onversionchange = forget;
      database.onclose = forget;
      return database;
    });
    return connection;
  };
  return async (mode, callback) => {
    const database = await db();
    return callback(database.transaction(STORE, mode).objectStore(STORE));
  };
}

/** Closes every connection this tab holds, so that deleting the databases is not blocked. */
export function closeDeviceStores(): void {
  for (const database of open) database.close();
  open.clear();
}

/** Whether this device holds a copy for the user, without creating an empty one. */
export async function hasDeviceCopy(userId: string): Promise<boolean> {
  if (typeof indexedDB === "undefined") return false;
  const databases = await indexedDB.databases();
  return databases.some((info) => info.name === deviceDbName(userId));
}

/** Deletes every database of the app on this device (the names are enumerated by prefix). */
export async function deleteDeviceDatabases(except?: string): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((info) => info.name)
      .filter((name): name is string => !!name?.startsWith(DEVICE_DB_PREFIX) && name !== except)
      .map((name) => promisifyRequest(indexedDB.deleteDatabase(name))),
  );
}

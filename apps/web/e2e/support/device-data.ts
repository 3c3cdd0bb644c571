import type { Page } from "@playwright/test";

/**
 * Everything the page's origin keeps in this browser, as text: every IndexedDB database with
 * every object store's contents, every Cache Storage entry with its body, local and session
 * storage. What a wipe must leave without a trace of the user.
 */
export function deviceData(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const databases: Array<{ name: string; stores: Record<string, unknown[]> }> = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      const stores: Record<string, unknown[]> = {};
      for (const store of db.objectStoreNames) {
        stores[store] = await request(db.transaction(store).objectStore(store).getAll());
      }
      db.close();
      databases.push({ name: info.name, stores });
    }
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const key of await cache.keys()) {
        cached.push(`${name} ${key.url} ${(await (await cache.match(key))?.text()) ?? ""}`);
      }
    }
    return JSON.stringify({
      databases,
      cached,
      local: { ...localStorage },
      session: { ...sessionStorage },
    });
  });
}

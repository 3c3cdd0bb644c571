import type { APIRequestContext, Page } from "@playwright/test";
import { bearerFor, expect } from "./fixtures";
import { API_URL } from "./services";

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

/** Nothing of the user in anything the origin keeps: not a title, not the id, not the email. */
export async function expectNothingLeft(page: Page, traces: string[]) {
  const left = await deviceData(page);
  for (const trace of traces) expect(left, `"${trace}" left on the device`).not.toContain(trace);
  const { databases, local } = JSON.parse(left) as { databases: unknown[]; local: object };
  expect(databases).toEqual([]);
  // The marker naming the device's user for the offline shell goes with the rest.
  expect(local).toEqual({});
}

/** Creates a task for each title through the API, as the signed-in user; answers the user's id. */
export async function seedTasks(request: APIRequestContext, titles: string[]): Promise<string> {
  const headers = await bearerFor(request);
  for (const title of titles) {
    const created = await request.post(`${API_URL}/api/tasks`, { headers, data: { title } });
    expect(created.status()).toBe(201);
  }
  const me = (await (await request.get(`${API_URL}/api/me`, { headers })).json()) as { id: string };
  return me.id;
}

/**
 * The tasks as the API has them, oldest first, as [title, completed] pairs: another view of the
 * account than the device's copy, to see that the changes made offline arrived.
 */
export async function tasksOnTheApi(request: APIRequestContext): Promise<Array<[string, boolean]>> {
  const headers = await bearerFor(request);
  const listed = await request.get(`${API_URL}/api/tasks?sort=created&order=asc`, { headers });
  expect(listed.status()).toBe(200);
  const { items } = (await listed.json()) as {
    items: Array<{ title: string; completed: boolean }>;
  };
  return items.map((task) => [task.title, task.completed]);
}

/**
 * The page's writes to the API's tasks as they leave the browser, as "METHOD title" (a new task)
 * or "METHOD completed=…" (a tick): what the queue of offline changes sent, and in which order.
 */
export function recordTaskWrites(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(`${API_URL}/api/tasks`) || request.method() === "GET") return;
    const body = JSON.parse(request.postData() ?? "{}") as { title?: string; completed?: boolean };
    sent.push(`${request.method()} ${body.title ?? `completed=${body.completed}`}`);
  });
  return sent;
}

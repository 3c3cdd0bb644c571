import { expect, type Page } from "@playwright/test";
import { bearerFor } from "./fixtures";
import { API_URL } from "./services";

export interface ApiTask {
  id: string;
  listId: string;
  title: string;
  dueDate: string | null;
  recurrence: string | null;
  priority: string;
  tags: string[];
  completed: boolean;
}

/** The signed-in user's API, called as the page's session (a token from the web app). */
export async function tasksApi(page: Page) {
  const headers = await bearerFor(page.request);
  return {
    createTask: async (data: object): Promise<ApiTask> => {
      const response = await page.request.post(`${API_URL}/api/tasks`, { headers, data });
      expect(response.status()).toBe(201);
      return (await response.json()) as ApiTask;
    },
    createList: async (name: string): Promise<{ id: string }> => {
      const response = await page.request.post(`${API_URL}/api/lists`, {
        headers,
        data: { name },
      });
      expect(response.status()).toBe(201);
      return (await response.json()) as { id: string };
    },
    /** Every task of the user, in any list, with these query parameters. */
    tasks: async (query = "limit=100"): Promise<ApiTask[]> => {
      const response = await page.request.get(`${API_URL}/api/tasks?${query}`, { headers });
      expect(response.status()).toBe(200);
      return ((await response.json()) as { items: ApiTask[] }).items;
    },
  };
}

/** A day counted from today in this machine's calendar (the browser's), as YYYY-MM-DD. */
export function dayFromToday(days: number, from = new Date()): string {
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days, 12);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first Monday on or after today. */
export function nextMonday(): string {
  const today = new Date();
  return dayFromToday((8 - today.getDay()) % 7);
}

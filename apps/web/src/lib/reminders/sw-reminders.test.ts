import { describe, expect, it } from "vitest";
import { installReminderClicks, type ReminderWorkerScope } from "./sw-reminders";

/** A worker scope with the given windows open, recording what the click did. */
function scope(openUrls: string[]) {
  const did: string[] = [];
  let listener: ((event: never) => void) | undefined;
  const worker: ReminderWorkerScope = {
    location: { origin: "https://todo.example" },
    clients: {
      matchAll: async () =>
        openUrls.map((url) => ({
          url,
          focus: async () => did.push(`focus ${url}`),
          navigate: async (to: string) => did.push(`navigate ${to}`),
        })),
      openWindow: async (url: string) => did.push(`open ${url}`),
    },
    addEventListener: (_type, l) => {
      listener = l as (event: never) => void;
    },
  };
  installReminderClicks(worker);
  const click = async (data: unknown) => {
    let work: Promise<unknown> = Promise.resolve();
    listener?.({
      notification: { data, close: () => did.push("close") },
      waitUntil: (p: Promise<unknown>) => {
        work = p;
      },
    } as never);
    await work;
  };
  return { did, click };
}

describe("installReminderClicks", () => {
  it("focuses an open tasks page and takes it to the task", async () => {
    const { did, click } = scope(["https://todo.example/account", "https://todo.example/tasks"]);
    await click({ url: "/tasks?task=abc" });
    expect(did).toEqual([
      "close",
      "focus https://todo.example/tasks",
      "navigate https://todo.example/tasks?task=abc",
    ]);
  });

  it("opens the tasks page when none is open, and never a page elsewhere", async () => {
    const { did, click } = scope([]);
    await click({ url: "https://evil.example/tasks" });
    await click({ url: "//evil.example" });
    expect(did).toEqual([
      "close",
      "open https://todo.example/tasks",
      "close",
      "open https://todo.example/tasks",
    ]);
  });
});

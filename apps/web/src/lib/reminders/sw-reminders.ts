/**
 * The service worker's part of reminders (decision 0031), for the app's service worker entry to
 * install: a click on a reminder focuses a tab of the app already open at the task, or opens one.
 * The notification's `data.url` is a path of this origin, set by lib/reminders/notify.ts.
 *
 * The types are the few members of the worker's scope this uses (the DOM library has no
 * `ServiceWorkerGlobalScope`).
 */
interface WindowClientLike {
  readonly url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}

interface NotificationClick extends Event {
  readonly notification: Notification;
  waitUntil(work: Promise<unknown>): void;
}

export interface ReminderWorkerScope {
  readonly location: { readonly origin: string };
  readonly clients: {
    matchAll(options: {
      type: "window";
      includeUncontrolled: boolean;
    }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: "notificationclick", listener: (event: NotificationClick) => void): void;
}

/** Where a click leads: only a path of the tasks page, whatever the notification's data says. */
function targetOf(data: unknown): string {
  const url = (data as { url?: unknown } | null)?.url;
  return typeof url === "string" && /^\/tasks(\?|$)/.test(url) ? url : "/tasks";
}

export function installReminderClicks(worker: ReminderWorkerScope): void {
  worker.addEventListener("notificationclick", (event) => {
    const url = new URL(targetOf(event.notification.data), worker.location.origin).href;
    event.notification.close();
    event.waitUntil(
      (async () => {
        const windows = await worker.clients.matchAll({
          type: "window",
          includeUncontrolled: true,
        });
        const open = windows.find((client) => new URL(client.url).pathname === "/tasks");
        if (!open) return worker.clients.openWindow(url);
        await open.focus();
        return open.navigate(url);
      })(),
    );
  });
}

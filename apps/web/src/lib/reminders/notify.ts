import type { PlannedReminder } from "./schedule";
import { reminderText } from "./schedule";

/** Where a click on a reminder leads: the tasks page, at the task. */
function reminderUrl(taskId: string): string {
  return `/tasks?task=${encodeURIComponent(taskId)}`;
}

const SHOWN_PREFIX = "reminder-shown:";
const KEEP_SHOWN_MS = 2 * 24 * 60 * 60_000;

/** Marks a reminder shown for every tab of this browser; false if one already showed it. */
function claim(plan: PlannedReminder): boolean {
  const key = `${SHOWN_PREFIX}${plan.tag}`;
  if (localStorage.getItem(key) !== null) return false;
  localStorage.setItem(key, String(plan.at));
  // Old marks go: they only need to outlive the grace period.
  for (const stored of Object.keys(localStorage)) {
    if (!stored.startsWith(SHOWN_PREFIX)) continue;
    if (Number(localStorage.getItem(stored)) < plan.at - KEEP_SHOWN_MS) {
      localStorage.removeItem(stored);
    }
  }
  return true;
}

/**
 * Shows one reminder, once for the whole browser however many tabs planned it: a Web Lock named
 * after the reminder lets one tab at a time check and mark it (decision 0031). Through the
 * service worker (`showNotification`), so the notification outlives the tab and a click reaches
 * the app (lib/reminders/sw-reminders.ts).
 */
export async function showReminder(plan: PlannedReminder): Promise<void> {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const show = async () => {
    if (!claim(plan)) return;
    const { title, body } = reminderText(plan.task, plan.at);
    const options: NotificationOptions = {
      body,
      tag: plan.tag,
      data: { url: reminderUrl(plan.task.id) },
    };
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) await registration.showNotification(title, options);
    else new Notification(title, options);
  };
  if (navigator.locks) await navigator.locks.request(plan.tag, show);
  else await show();
}

import { pageValue } from "@/lib/page-value";

/**
 * Which user's copy this device holds, for the offline shell: the service worker's `/offline`
 * page is the same for everyone (precached without cookies), so it cannot know who is signed in.
 * The signed-in tasks page writes the user id here; the shell reads it to open that user's
 * database (decision 0030). It is an id, not a secret: it opens nothing on the server. It lives
 * in local storage, which the wipe clears with everything else (wipe.ts).
 */
const KEY = "todo-device-user";

export function rememberDeviceUser(userId: string): void {
  try {
    localStorage.setItem(KEY, userId);
  } catch {
    // Storage disabled by the browser: the shell will show its message, as for anyone.
  }
}

export function deviceUser(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

// Whether this page is the offline shell running the device's copy (offline-tasks.tsx): its
// header, precached without cookies, would otherwise offer to sign in to someone already working.
export const deviceCopyOpen = pageValue(false);

import { expect, type Page } from "@playwright/test";

/**
 * The tasks page renders its first tasks on the server, so it looks ready before React has
 * hydrated it: a key pressed or a button clicked before then does nothing. Tests that act on the
 * page wait for the app root's hydration mark first.
 */
export async function tasksAppHydrated(page: Page): Promise<void> {
  await expect(page.locator(".tasks-layout[data-hydrated]")).toBeAttached();
}

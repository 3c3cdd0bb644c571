"use client";

import { onlineManager } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";

/** Whether TanStack Query thinks the browser is online: what pauses queries and changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
    () => true,
  );
}

/**
 * TanStack Query starts out online and learns of a change only from the browser's events: a page
 * opened with the network already gone (the offline shell) tells it so, or its changes would fail
 * instead of waiting.
 */
export function adoptBrowserOnlineState(): void {
  onlineManager.setOnline(navigator.onLine);
}

"use client";

import { useMutationState } from "@tanstack/react-query";
import { useOnline } from "@/lib/offline/online-state";
import { taskKeys } from "@/lib/tasks/task-keys";

/** What the indicator says, from the connection and the task changes not yet answered. */
export function offlineMessage(online: boolean, waiting: number): string {
  if (!online) {
    if (waiting === 0) return "Offline — showing the tasks saved on this device";
    return `Offline — ${waiting} ${waiting === 1 ? "change" : "changes"} waiting`;
  }
  return waiting > 0 ? "Sending…" : "";
}

/**
 * Says when the page works from the device's copy and how many changes wait for the network
 * (decision 0030); empty, and so silent, when everything is sent. A live region: screen readers
 * hear each change of state.
 */
export function OfflineIndicator() {
  const online = useOnline();
  const waiting = useMutationState({
    filters: { mutationKey: taskKeys.mutations(), status: "pending" },
    select: (mutation) => mutation.mutationId,
  }).length;
  const message = offlineMessage(online, waiting);
  return (
    <div className="offline-indicator" role="status" data-state={message ? "shown" : "hidden"}>
      {message}
    </div>
  );
}

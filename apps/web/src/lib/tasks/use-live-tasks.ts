"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { ChangeEventSchema } from "@todo/tasks";
import { useEffect } from "react";
import { accessTokens } from "@/lib/access-token";
import { startLiveSync } from "@/lib/live/live-sync";
import type { LiveMessage } from "@/lib/live/read-events";
import { dropList, putList } from "./list-cache";
import { dropTask, putTask } from "./task-cache";
import { listKeys, taskKeys } from "./task-keys";
import { listMutationKeys } from "./use-lists";

function changesPending(queryClient: QueryClient): boolean {
  return (
    queryClient.isMutating({ mutationKey: taskKeys.mutations() }) > 0 ||
    queryClient.isMutating({ mutationKey: listMutationKeys.change }) > 0
  );
}

/**
 * A change from elsewhere, into every cached list, in place. While a change of ours is on its
 * way, events are not applied: one could put back a state the user has just changed (their own
 * earlier change echoed, or an older one). The lists are loaded again when the last of ours
 * settles (use-task-changes.ts), and that answer includes whatever was skipped.
 */
function applyLiveMessage(queryClient: QueryClient, message: LiveMessage): void {
  if (message.kind === "resync") {
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    void queryClient.invalidateQueries({ queryKey: listKeys.all });
    return;
  }
  if (changesPending(queryClient)) return;
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return;
  }
  // A type this build does not know (a newer API) is ignored.
  const parsed = ChangeEventSchema.safeParse({ type: message.event, data });
  if (!parsed.success) return;
  const change = parsed.data;
  switch (change.type) {
    case "task.deleted":
      dropTask(queryClient, change.data.id);
      break;
    case "task.created":
    case "task.updated":
      putTask(queryClient, change.data);
      break;
    case "list.deleted":
      dropList(queryClient, change.data.id);
      break;
    case "list.created":
    case "list.updated":
      putList(queryClient, change.data);
      // Someone joined, left or changed role: an open share dialog shows it.
      void queryClient.invalidateQueries({ queryKey: ["sharing", change.data.id] });
      break;
  }
  // Open-task counts, and the positions a moved list shifted: the lists reload (one small query).
  void queryClient.invalidateQueries({ queryKey: listKeys.all });
}

/** The tasks page follows the user's changes made in other tabs, browsers and devices. */
export function useLiveTasks(apiUrl: string, userId: string, onSignedOut: () => void): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      startLiveSync({
        userId,
        baseUrl: apiUrl,
        tokens: accessTokens,
        onMessage: (message) => applyLiveMessage(queryClient, message),
        onSignedOut,
      }),
    [apiUrl, userId, queryClient, onSignedOut],
  );
}

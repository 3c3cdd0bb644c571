"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { ChangeEventSchema } from "@todo/tasks";
import { useEffect } from "react";
import { accessTokens } from "@/lib/access-token";
import type { LiveMessage } from "@/lib/live/event-stream";
import { startLiveSync } from "@/lib/live/live-sync";
import { dropTask, putTask } from "./task-cache";
import { taskKeys } from "./task-keys";

function changesPending(queryClient: QueryClient): boolean {
  return queryClient.isMutating({ mutationKey: taskKeys.mutations() }) > 0;
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
    return;
  }
  if (changesPending(queryClient)) return;
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return;
  }
  // A type this build does not know (a newer API, or lists before this page shows them) is ignored.
  const parsed = ChangeEventSchema.safeParse({ type: message.event, data });
  if (!parsed.success) return;
  const change = parsed.data;
  if (change.type === "task.deleted") dropTask(queryClient, change.data.id);
  else putTask(queryClient, change.data);
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

"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, ChangeEventSchema, type Task } from "@todo/contract";
import { useEffect } from "react";
import { accessTokens } from "@/lib/access-token";
import { startLiveSync } from "@/lib/live/live-sync";
import type { LiveMessage } from "@/lib/live/read-events";
import { dropList, putList } from "./list-cache";
import { cachedTask, dropTask, putTask } from "./task-cache";
import { listKeys, taskKeys } from "./task-keys";
import { listMutationKeys } from "./use-lists";
import { taskMutationKeys } from "./use-task-changes";

function changesPending(queryClient: QueryClient): boolean {
  return (
    queryClient.isMutating({ mutationKey: taskKeys.mutations() }) > 0 ||
    queryClient.isMutating({ mutationKey: listMutationKeys.change }) > 0
  );
}

/** Resolves once no change of ours (tasks or lists) is on its way to the API. */
function changesSettled(queryClient: QueryClient): Promise<void> {
  if (!changesPending(queryClient)) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = queryClient.getMutationCache().subscribe(() => {
      if (changesPending(queryClient)) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Whether the cache already holds what the event says: our own change coming back after the
 * API's answer settled it (the same version, by the server's `updatedAt`), or a deletion done.
 */
function alreadyHeld(queryClient: QueryClient, change: ChangeEvent): boolean {
  switch (change.type) {
    case "task.created":
    case "task.updated":
      return cachedTask(queryClient, change.data.id)?.updatedAt === change.data.updatedAt;
    case "task.deleted": {
      // Ours if this tab deleted it; a task deleted elsewhere from a list not loaded here still
      // changes the counts.
      const { id } = change.data;
      const ours = queryClient
        .getMutationCache()
        .findAll({ mutationKey: taskMutationKeys.delete, status: "success" })
        .some((mutation) => (mutation.state.variables as Task | undefined)?.id === id);
      return ours && cachedTask(queryClient, id) === undefined;
    }
    default:
      return false;
  }
}

function apply(queryClient: QueryClient, change: ChangeEvent): void {
  if (alreadyHeld(queryClient, change)) return;
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

/**
 * A change from elsewhere, into every cached list, in place. While a change of ours is on its
 * way, events wait until it has settled (in their order): one could otherwise put back a state
 * the user has just changed. Our own changes come back too, and find the cache already holding
 * them (the API's answer settled them): they change nothing and reload nothing.
 */
function applyLiveMessage(queryClient: QueryClient, message: LiveMessage): void {
  if (message.kind === "resync") {
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    void queryClient.invalidateQueries({ queryKey: listKeys.all });
    return;
  }
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
  if (!changesPending(queryClient)) {
    apply(queryClient, change);
    return;
  }
  void changesSettled(queryClient).then(() => apply(queryClient, change));
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

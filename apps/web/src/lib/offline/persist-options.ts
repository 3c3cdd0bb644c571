import type { Mutation, Query } from "@tanstack/react-query";
import type { PersistQueryClientOptions } from "@tanstack/react-query-persist-client";
import { listKeys, taskKeys } from "@/lib/tasks/task-keys";
import { userPersister } from "./persister";

/** How long a copy on the device is used: older, it is dropped unread (decision 0030). */
export const OFFLINE_MAX_AGE_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Changes with the shape of what is cached: a copy written by a build whose tasks looked
 * different is dropped, not read. Follows the API's latest migration.
 */
const CACHE_SCHEMA = "tasks-0009";

const persisted = new Set<unknown>([taskKeys.all[0], listKeys.all[0]]);

/** Only tasks and lists that loaded: never invites, members or anything else. */
function shouldPersistQuery(query: Query): boolean {
  return query.state.status === "success" && persisted.has(query.queryKey[0]);
}

/** Only task changes waiting for the network: the ones that can be resumed after a reload. */
function shouldPersistMutation(mutation: Mutation): boolean {
  const [root, kind] = mutation.options.mutationKey ?? [];
  return mutation.state.isPaused && root === taskKeys.all[0] && kind === "change";
}

export function persistOptions(userId: string): Omit<PersistQueryClientOptions, "queryClient"> {
  return {
    persister: userPersister(userId),
    maxAge: OFFLINE_MAX_AGE_MS,
    buster: CACHE_SCHEMA,
    dehydrateOptions: {
      shouldDehydrateQuery: shouldPersistQuery,
      shouldDehydrateMutation: shouldPersistMutation,
    },
  };
}

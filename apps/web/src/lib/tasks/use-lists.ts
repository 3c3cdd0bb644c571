"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TaskList } from "@todo/contract";
import { SignedOutError } from "@/lib/access-token";
import type { ApiClient } from "@/lib/api-client";
import { dropList, type Lists, putList } from "./list-cache";
import { listKeys } from "./task-keys";
import type { ReportError } from "./use-task-changes";

/** Pages of lists asked for at most, whatever the API's list limit (one page of 100 by default). */
const MAX_PAGES = 100;

/** Every list of the user, in order (the navigation needs them all, with their counts). */
export function useLists(api: ApiClient) {
  return useQuery({
    queryKey: listKeys.all,
    queryFn: async (): Promise<Lists> => {
      const lists: TaskList[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.listLists(cursor);
        lists.push(...answer.items);
        if (answer.nextCursor === null) break;
        cursor = answer.nextCursor;
      }
      return lists;
    },
  });
}

export const listMutationKeys = {
  change: ["lists", "change"],
} as const;

/**
 * Creating, renaming, reordering and deleting lists. Renames and moves show at once and roll back
 * when refused; creation and deletion wait for the API (a deletion was confirmed first).
 */
export function useListChanges(api: ApiClient, report: ReportError) {
  const queryClient = useQueryClient();
  const failed = (what: string, error: unknown) => {
    if (!(error instanceof SignedOutError)) report(what, error);
  };
  const reload = () => queryClient.invalidateQueries({ queryKey: listKeys.all });

  const create = useMutation({
    mutationKey: listMutationKeys.change,
    mutationFn: (name: string) => api.createList({ name }),
    onSuccess: (list) => putList(queryClient, list),
    onError: (error) => failed("The list was not added", error),
  });

  const change = useMutation({
    mutationKey: listMutationKeys.change,
    mutationFn: ({ list, name, position }: { list: TaskList; name?: string; position?: number }) =>
      api.updateList(list.id, {
        ...(name !== undefined && { name }),
        ...(position !== undefined && { position }),
      }),
    onMutate: async ({ list, name, position }) => {
      await queryClient.cancelQueries({ queryKey: listKeys.all });
      putList(queryClient, {
        ...list,
        name: name ?? list.name,
        position: position ?? list.position,
      });
    },
    onSuccess: (list) => putList(queryClient, list),
    onError: (error, { list }) => {
      putList(queryClient, list);
      failed("The list was not changed", error);
    },
    onSettled: reload,
  });

  const remove = useMutation({
    mutationKey: listMutationKeys.change,
    mutationFn: (list: TaskList) => api.deleteList(list.id),
    onSuccess: (_answer, list) => dropList(queryClient, list.id),
    onError: (error) => failed("The list was not deleted", error),
    onSettled: reload,
  });

  return { create, change, remove };
}

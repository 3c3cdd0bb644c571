"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type Task, tagKey } from "@todo/contract";
import type { TaskPages } from "./task-cache";
import { taskKeys } from "./task-keys";

/** Each tag of these tasks once, whatever its case, A to Z: what the tag filter offers. */
export function tagsOf(tasks: readonly Task[]): string[] {
  const seen = new Map<string, string>();
  for (const task of tasks) for (const tag of task.tags) seen.set(tagKey(tag), tag);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * The tags of every task the page has loaded (any list, any view): what typing a tag suggests.
 * Read at render from the cache, so a tag just added elsewhere is offered next time.
 */
export function useKnownTags(): string[] {
  const queryClient = useQueryClient();
  const tasks = queryClient
    .getQueriesData<TaskPages>({ queryKey: taskKeys.lists() })
    .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? []);
  return tagsOf(tasks);
}

/** The known tags that start with what was typed (any case), the typed one itself left out. */
export function suggestTags(known: readonly string[], typed: string, limit = 6): string[] {
  const prefix = tagKey(typed.trim());
  if (prefix === "") return [];
  return known
    .filter((tag) => tagKey(tag).startsWith(prefix) && tagKey(tag) !== prefix)
    .slice(0, limit);
}

import type { QueryClient } from "@tanstack/react-query";
import type { Task, TaskList } from "@todo/contract";
import { dropTasksOfList } from "./task-cache";
import { filtersOfKey, listKeys, taskKeys } from "./task-keys";

/** The user's lists in their order, as cached under `listKeys.all`. */
export type Lists = readonly TaskList[];

function updateLists(queryClient: QueryClient, update: (lists: Lists) => Lists): void {
  const lists = queryClient.getQueryData<Lists>(listKeys.all);
  if (lists) queryClient.setQueryData<Lists>(listKeys.all, update(lists));
}

/** Lists the user owns come first, in their order; lists shared with them after (GET /api/lists). */
const owned = (list: TaskList) => list.role === "owner";

/** The owned lists with positions 0…n−1 in their array order, as the API renumbers them. */
function renumbered(lists: Lists): Lists {
  let next = 0;
  return lists.map((list) => {
    if (!owned(list)) return list;
    const position = next++;
    return list.position === position ? list : { ...list, position };
  });
}

/**
 * A task counted out of the list it was in (`from`) and into the list it is in now (`to`):
 * creating (no `from`), deleting (no `to`), completing and moving a task all go through here, so
 * both lists' counts change the moment the task does. Rollbacks swap the two. The open count is
 * what the list shows, its open top-level tasks, as the API counts it: a subtask changes only
 * `taskCount` (its parent's progress is `moveProgress`).
 */
export function moveCounts(queryClient: QueryClient, from?: Task, to?: Task): void {
  const delta = new Map<string, { open: number; all: number }>();
  const add = (task: Task | undefined, sign: number) => {
    if (!task) return;
    const d = delta.get(task.listId) ?? { open: 0, all: 0 };
    const open = task.completed || task.parentId ? 0 : sign;
    delta.set(task.listId, { open: d.open + open, all: d.all + sign });
  };
  add(from, -1);
  add(to, 1);
  updateLists(queryClient, (lists) =>
    lists.map((list) => {
      const d = delta.get(list.id);
      if (!d || (d.open === 0 && d.all === 0)) return list;
      return {
        ...list,
        openTaskCount: Math.max(0, list.openTaskCount + d.open),
        taskCount: Math.max(0, list.taskCount + d.all),
      };
    }),
  );
}

/**
 * A created or changed list, in its place: an owned one at `position` among the owned ones, a
 * shared one where it was (or last, when it is new to the user).
 */
export function putList(queryClient: QueryClient, list: TaskList): void {
  updateLists(queryClient, (lists) => {
    const shared = lists.filter((other) => !owned(other) && other.id !== list.id);
    const mine = lists.filter((other) => owned(other) && other.id !== list.id);
    if (!owned(list)) {
      const at = lists.findIndex((other) => other.id === list.id);
      if (at !== -1 && !owned(lists[at] as TaskList)) return lists.with(at, list);
      return renumbered([...mine, ...shared, list]);
    }
    const at = Math.min(list.position, mine.length);
    return renumbered([...mine.slice(0, at), list, ...mine.slice(at), ...shared]);
  });
}

/** A deleted list, out of the lists, and its tasks out of every cached task list. */
export function dropList(queryClient: QueryClient, id: string): void {
  updateLists(queryClient, (lists) => renumbered(lists.filter((list) => list.id !== id)));
  queryClient.removeQueries({
    queryKey: taskKeys.lists(),
    predicate: (query) => filtersOfKey(query.queryKey)?.listId === id,
  });
  dropTasksOfList(queryClient, id);
}

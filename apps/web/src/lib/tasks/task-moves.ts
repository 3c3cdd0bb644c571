import type { Task } from "@todo/contract";
import { positionBetween } from "@todo/contract/position";
import { isDraft } from "./task-order";

/**
 * One move in the user's own order, as PATCH /api/tasks/:id takes it: beside one anchor task, so
 * the API writes only the moved task (docs/decisions/0025-tags-subtasks-recurrence.md).
 */
type Placement = { before: string } | { after: string };

export interface TaskMove {
  placement: Placement;
  /** The key the API will most likely give, so the task shows in its new place at once. */
  position: string | null;
  /** What a screen reader hears: "Moved Buy milk before Call mum". */
  announcement: string;
}

/**
 * Moving `id` to where `overId` is now, among `tasks` in their shown (manual, ascending) order:
 * down the list it goes after that task, up the list before it. Nothing when either is missing
 * or the task stays where it is, and for a task the API has not confirmed yet (either side).
 */
export function moveTo(tasks: readonly Task[], id: string, overId: string): TaskMove | undefined {
  const from = tasks.findIndex((task) => task.id === id);
  const to = tasks.findIndex((task) => task.id === overId);
  const moved = tasks[from];
  const anchor = tasks[to];
  if (!moved || !anchor || from === to || isDraft(moved) || isDraft(anchor)) return undefined;
  const rest = tasks.filter((task) => task.id !== id);
  const at = rest.indexOf(anchor) + (from < to ? 1 : 0);
  const placement: Placement = from < to ? { after: anchor.id } : { before: anchor.id };
  return {
    placement,
    position: keyBetween(rest[at - 1], rest[at]),
    announcement: `Moved ${moved.title} ${from < to ? "after" : "before"} ${anchor.title}`,
  };
}

/** Moving `id` one place up (-1) or down (+1): the keyboard's way without dragging. */
export function moveBy(tasks: readonly Task[], id: string, step: -1 | 1): TaskMove | undefined {
  const from = tasks.findIndex((task) => task.id === id);
  const over = tasks[from + step];
  return from === -1 || !over ? undefined : moveTo(tasks, id, over.id);
}

/**
 * The key between two neighbours' keys, or null when they leave no room (two concurrent moves
 * gave them the same key): then the task waits for the API's answer to show where it went.
 */
function keyBetween(before: Task | undefined, after: Task | undefined): string | null {
  try {
    return positionBetween(before?.position ?? null, after?.position ?? null);
  } catch {
    return null;
  }
}

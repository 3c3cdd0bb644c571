import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/**
 * Manual order (docs/decisions/0025-tags-subtasks-recurrence.md): each task holds a fractional
 * index key, compared byte by byte (`collate "C"` on PostgreSQL, SQLite's default BINARY). A key
 * between two neighbours always exists, so a move is one write and the list is never renumbered.
 * `null` stands for the start (as `before`) or the end (as `after`).
 */
export function positionBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

/** `count` ascending keys after `last` (null: from the start), for tasks placed in a row. */
export function positionsAfter(last: string | null, count: number): string[] {
  return generateNKeysBetween(last, null, count);
}

/** What a stored key looks like: a cursor's manual-sort value is checked against it. */
export const POSITION_PATTERN = /^[0-9A-Za-z]{1,200}$/;

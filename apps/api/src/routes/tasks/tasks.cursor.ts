import type { SortOrder, TaskSort } from "@todo/contract";
import { POSITION_PATTERN } from "@todo/contract/position";
import { HttpProblem } from "../../infra/problem.js";

/** The sort key of the last item of a page and its id, the tie-breaker (keyset pagination). */
export interface CursorPosition {
  readonly value: string | number | null;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function invalidCursor(): HttpProblem {
  return new HttpProblem("INVALID_CURSOR", {
    errors: [{ path: "querystring.cursor", message: "Invalid cursor", code: "invalid_cursor" }],
  });
}

function valueFits(sort: TaskSort, value: unknown): value is CursorPosition["value"] {
  switch (sort) {
    case "created":
    case "updated":
      return typeof value === "string" && ISO_INSTANT.test(value);
    case "due":
      return value === null || (typeof value === "string" && ISO_DATE.test(value));
    case "priority":
      return value === 1 || value === 2 || value === 3;
    case "title":
      return typeof value === "string" && value.length <= 1000;
    case "manual":
      return typeof value === "string" && POSITION_PATTERN.test(value);
  }
}

/** Opaque to clients; bound to the sort it was made for, so it cannot be replayed on another. */
export function encodeCursor(sort: TaskSort, order: SortOrder, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([sort, order, position.value, position.id])).toString(
    "base64url",
  );
}

/** A cursor's JSON array of exactly `length` parts (base64url), or 400 INVALID_CURSOR. */
export function cursorParts(raw: string, length: number): unknown[] {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalidCursor();
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== length) throw invalidCursor();
  return parsed;
}

/** Every part is checked: the values go into SQL parameters and must have the column's type. */
export function decodeCursor(raw: string, sort: TaskSort, order: SortOrder): CursorPosition {
  const [cursorSort, cursorOrder, value, id] = cursorParts(raw, 4);
  if (cursorSort !== sort || cursorOrder !== order) throw invalidCursor();
  if (typeof id !== "string" || !UUID.test(id) || !valueFits(sort, value)) throw invalidCursor();
  return { value, id };
}

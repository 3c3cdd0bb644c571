import type { ListTable } from "@todo/db";
import { columnsOf, listFields, rowMapper, type TaskList } from "@todo/tasks";
import { HttpProblem } from "../../infra/problem.js";
import { cursorParts, invalidCursor } from "../tasks/tasks.cursor.js";

/** What the API reads of a list: the columns of its fields (listFields in @todo/tasks). */
export const LIST_COLUMNS = columnsOf(listFields);

export type ListRow = Omit<ListTable, "user_id"> & {
  /** count(*): a number on SQLite, a bigint as text on PostgreSQL. */
  open_task_count: number | string | bigint;
  task_count: number | string | bigint;
};

const toEntity = rowMapper(listFields);

export function toList(row: ListRow): TaskList {
  return {
    ...toEntity(row),
    openTaskCount: Number(row.open_task_count),
    taskCount: Number(row.task_count),
  };
}

export function listNotFound(): HttpProblem {
  // The same bytes whether the list never existed or belongs to another user, and whether it was
  // named in the path or as a task's listId.
  return new HttpProblem("LIST_NOT_FOUND");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ListCursor {
  readonly position: number;
  readonly id: string;
}

/** Opaque to clients: the last list's place and id (keyset pagination, like the tasks' cursor). */
export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(["lists", cursor.position, cursor.id])).toString("base64url");
}

export function decodeListCursor(raw: string): ListCursor {
  const [kind, position, id] = cursorParts(raw, 3);
  if (kind !== "lists" || typeof id !== "string" || !UUID.test(id)) throw invalidCursor();
  if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 0) {
    throw invalidCursor();
  }
  return { position, id };
}

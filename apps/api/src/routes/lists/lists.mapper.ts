import { columnsOf, type ListRole, listFields, rowMapper, type TaskList } from "@todo/contract";
import type { ListTable } from "@todo/db";
import { HttpProblem } from "../../infra/problem.js";
import { cursorParts, invalidCursor } from "../tasks/tasks.cursor.js";

/** What the API reads of a list: the columns of its fields (listFields in @todo/contract). */
export const LIST_COLUMNS = columnsOf(listFields);

export type ListRow = Omit<ListTable, "user_id"> & {
  /** count(*): a number on SQLite, a bigint as text on PostgreSQL. */
  open_task_count: number | string | bigint;
  task_count: number | string | bigint;
  member_count: number | string | bigint;
  role: ListRole;
};

const toEntity = rowMapper(listFields);

export function toList(row: ListRow): TaskList {
  return {
    ...toEntity(row),
    openTaskCount: Number(row.open_task_count),
    taskCount: Number(row.task_count),
    role: row.role,
    memberCount: Number(row.member_count),
  };
}

export function listNotFound(): HttpProblem {
  // The same bytes whether the list never existed or belongs to another user, and whether it was
  // named in the path or as a task's listId.
  return new HttpProblem("LIST_NOT_FOUND");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ListCursor {
  /** 0 for the caller's own lists, 1 for lists shared with them (which come after). */
  readonly group: 0 | 1;
  readonly position: number;
  readonly id: string;
}

/** Opaque to clients: the last list's group, place and id (keyset pagination, like the tasks'). */
export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(["lists", cursor.group, cursor.position, cursor.id])).toString(
    "base64url",
  );
}

export function decodeListCursor(raw: string): ListCursor {
  const [kind, group, position, id] = cursorParts(raw, 4);
  if (kind !== "lists" || typeof id !== "string" || !UUID.test(id)) throw invalidCursor();
  if (group !== 0 && group !== 1) throw invalidCursor();
  if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 0) {
    throw invalidCursor();
  }
  return { group, position, id };
}

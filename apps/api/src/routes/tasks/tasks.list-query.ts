import { type ListTasksQuery, type TaskPage, type TaskSort, tagKey } from "@todo/contract";
import { SORT_RULES } from "@todo/contract/order";
import type { Database } from "@todo/db";
import { type CompiledQuery, type ExpressionBuilder, sql } from "kysely";
import { compileOnce } from "../compiled-query.js";
import { sharedWith, visibleTo } from "../lists/list-scope.js";
import { type CursorPosition, decodeCursor, encodeCursor } from "./tasks.cursor.js";
import { priorityRank, TASK_COLUMNS, type TaskRow, toTask } from "./tasks.mapper.js";

type DB = Database["db"] extends import("kysely").Kysely<infer S> ? S : never;

const COLUMNS = TASK_COLUMNS;

/** Each sort's column, from the shared rules the browser's cache orders by (@todo/contract/order). */
const SORT_COLUMNS = Object.fromEntries(
  Object.entries(SORT_RULES).map(([sort, rule]) => [sort, rule.column]),
) as { readonly [S in TaskSort]: (typeof SORT_RULES)[S]["column"] & (typeof COLUMNS)[number] };

interface ListValues {
  readonly userId: string;
  readonly listId: string;
  readonly completed: number | boolean;
  readonly priority: number;
  readonly pattern: string;
  readonly tagPattern: string;
  readonly parentId: string;
  readonly dueFrom: string;
  readonly dueTo: string;
  readonly cursorValue: CursorPosition["value"];
  readonly cursorId: string;
  readonly limit: number;
}

/** What makes two list queries the same SQL: everything but the values. */
function listShape(query: ListTasksQuery, position: CursorPosition | undefined): string {
  const cursor = position ? (position.value === null ? "null" : "value") : "none";
  const filters = [
    query.listId,
    query.priority,
    query.q,
    query.tag,
    query.parentId,
    query.dueFrom,
    query.dueTo,
  ];
  return `${query.sort}|${query.order}|${query.status}|${filters.map((f) => (f ? 1 : 0)).join("")}|${cursor}`;
}

/** `%`, `_` and the escape character itself are literal in a search (LIKE ... ESCAPE '\'). */
function likeEscape(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, "\\$&");
}

function likePattern(search: string): string {
  return `%${likeEscape(search)}%`;
}

/** One whole tag among the `tag_keys` (tagKeys in @todo/contract: each key between newlines). */
function tagPattern(tag: string): string {
  return `%\n${likeEscape(tagKey(tag))}\n%`;
}

function sortValue(row: TaskRow, sort: TaskSort): CursorPosition["value"] {
  const value = row[SORT_COLUMNS[sort]];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return Number(value);
  return value;
}

/**
 * The tasks one user may see: filters, search, sort and keyset pagination, scoped to the lists the
 * user owns or is a member of (list-scope.ts, OWASP API1:2023). The hot path of the API, hence the compiled-once queries below.
 */
export function createListQuery(database: Database) {
  const { db, kind } = database;
  // better-sqlite3 cannot bind booleans; SQLite stores them as 0/1.
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);

  /** Keyset condition "after the cursor" for the chosen sort; due dates sort nulls last. */
  function after(sort: TaskSort, descending: boolean, position: CursorPosition) {
    const column = SORT_COLUMNS[sort];
    const cmp = descending ? "<" : ">";
    return (eb: ExpressionBuilder<DB, "task">) => {
      if (position.value === null) {
        return eb.and([eb(column, "is", null), eb("id", cmp, position.id)]);
      }
      const alternatives = [
        eb(column, cmp, position.value),
        eb.and([eb(column, "=", position.value), eb("id", cmp, position.id)]),
      ];
      if (SORT_RULES[sort].nullsLast) alternatives.push(eb(column, "is", null));
      return eb.or(alternatives);
    };
  }

  /**
   * The list query compiled once per shape (sort, order, which filters, cursor kind: a few dozen in
   * all) instead of built and compiled on every request (compiled-query.ts).
   */
  const listQueries = new Map<string, (values: ListValues) => CompiledQuery<TaskRow>>();
  function compileList(
    query: ListTasksQuery,
    position: CursorPosition | undefined,
    descending: boolean,
  ) {
    const { sort } = query;
    const column = SORT_COLUMNS[sort];
    return compileOnce<ListValues, TaskRow>((m) => {
      const userId = m("userId");
      /** One part of the tasks the user may see, filtered, from the cursor on. */
      const part = (scope: "visible" | "owned" | "shared") => {
        let select = db.selectFrom("task").select(COLUMNS);
        if (scope === "visible") select = select.where(visibleTo(userId));
        else if (scope === "owned") select = select.where("user_id", "=", userId);
        else select = select.where(sharedWith(userId)).where("user_id", "<>", userId);
        if (query.listId) select = select.where("list_id", "=", m("listId"));
        if (query.status !== "all") select = select.where("completed", "=", m("completed"));
        if (query.priority) select = select.where("priority", "=", m("priority"));
        if (query.q) {
          select = select.where(sql<boolean>`search_text like ${m("pattern")} escape '\\'`);
        }
        if (query.tag) {
          select = select.where(sql<boolean>`tag_keys like ${m("tagPattern")} escape '\\'`);
        }
        // The subtasks of one task, or else top-level tasks only (each with its counts).
        if (query.parentId) select = select.where("parent_id", "=", m("parentId"));
        else select = select.where("parent_id", "is", null);
        if (query.dueFrom) select = select.where("due_date", ">=", m("dueFrom"));
        if (query.dueTo) select = select.where("due_date", "<=", m("dueTo"));
        if (position) {
          const markers = {
            value: position.value === null ? null : m("cursorValue"),
            id: m("cursorId"),
          };
          select = select.where(after(sort, descending, markers));
        }
        return select;
      };
      // One list or one task's subtasks: one walk, the membership check is one lookup. Every
      // list: the user's own tasks and the shared lists' tasks are two walks, one compound
      // ordered as a whole. Each walk is read lazily in order and merged, so the user's own
      // tasks walk a (user_id, sort key) index and stop at the page size, as before sharing. An
      // OR of the two in one walk would read and sort every task of the user on each page; each
      // walk ordered and limited in a subquery of its own would copy every row through two more
      // sorts (docs/decisions/0027-list-query-plans-and-the-floor.md).
      const whole = query.listId || query.parentId ? part("visible") : undefined;
      return (whole ?? part("owned").unionAll(part("shared")))
        .orderBy(column, (ob) => {
          const directed = descending ? ob.desc() : ob.asc();
          return SORT_RULES[sort].nullsLast ? directed.nullsLast() : directed;
        })
        .orderBy("id", descending ? "desc" : "asc")
        .limit(m("limit"));
    });
  }

  return async function list(userId: string, query: ListTasksQuery): Promise<TaskPage> {
    const { sort, order, limit } = query;
    const descending = order === "desc";
    const position = query.cursor ? decodeCursor(query.cursor, sort, order) : undefined;
    const values: ListValues = {
      userId,
      listId: query.listId ?? "",
      completed: bool(query.status === "completed"),
      priority: query.priority ? priorityRank(query.priority) : 0,
      pattern: query.q ? likePattern(query.q) : "",
      tagPattern: query.tag ? tagPattern(query.tag) : "",
      parentId: query.parentId ?? "",
      dueFrom: query.dueFrom ?? "",
      dueTo: query.dueTo ?? "",
      cursorValue: position?.value ?? null,
      cursorId: position?.id ?? "",
      limit: limit + 1,
    };
    const shape = listShape(query, position);
    const compiled = listQueries.get(shape) ?? compileList(query, position, descending);
    listQueries.set(shape, compiled);
    const result = await db.executeQuery(compiled(values));
    const rows = result.rows;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(sort, order, { value: sortValue(last, sort), id: last.id })
        : null;
    return { items: page.map(toTask), nextCursor };
  };
}

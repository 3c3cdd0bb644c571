import { randomUUID } from "node:crypto";
import type { Database } from "@todo/db";
import type {
  CreateTaskSchema,
  ListTasksQuery,
  Task,
  TaskPage,
  TaskSort,
  UpdateTaskSchema,
} from "@todo/tasks";
import { type CompiledQuery, type ExpressionBuilder, sql } from "kysely";
import type { z } from "zod";
import { type CursorPosition, decodeCursor, encodeCursor } from "./tasks.cursor.js";
import {
  priorityRank,
  searchText,
  TASK_COLUMNS,
  type TaskRow,
  titleKey,
  toIso,
  toTask,
} from "./tasks.mapper.js";

type CreateTask = z.output<typeof CreateTaskSchema>;
type UpdateTask = z.output<typeof UpdateTaskSchema>;
type DB = Database["db"] extends import("kysely").Kysely<infer S> ? S : never;

const COLUMNS = TASK_COLUMNS;

const SORT_COLUMNS = {
  created: "created_at",
  updated: "updated_at",
  due: "due_date",
  priority: "priority",
  title: "title_key",
} as const satisfies Record<TaskSort, (typeof COLUMNS)[number]>;

interface ListValues {
  readonly userId: string;
  readonly completed: number | boolean;
  readonly priority: number;
  readonly pattern: string;
  readonly cursorValue: CursorPosition["value"];
  readonly cursorId: string;
  readonly limit: number;
}

type Slot = keyof ListValues | { readonly constant: unknown };

interface CompiledList {
  readonly query: CompiledQuery<TaskRow>;
  readonly slots: readonly Slot[];
}

const MARKER = "\u0000list-parameter:";
const marker = (name: keyof ListValues) => `${MARKER}${name}`;
function slotOf(parameter: unknown): Slot {
  return typeof parameter === "string" && parameter.startsWith(MARKER)
    ? (parameter.slice(MARKER.length) as keyof ListValues)
    : { constant: parameter };
}

/** What makes two list queries the same SQL: everything but the values. */
function listShape(query: ListTasksQuery, position: CursorPosition | undefined): string {
  const cursor = position ? (position.value === null ? "null" : "value") : "none";
  return `${query.sort}|${query.order}|${query.status}|${Boolean(query.priority)}|${Boolean(query.q)}|${cursor}`;
}

/** `%`, `_` and the escape character itself are literal in a search (LIKE ... ESCAPE '\'). */
function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
}

function sortValue(row: TaskRow, sort: TaskSort): CursorPosition["value"] {
  const value = row[SORT_COLUMNS[sort]];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return Number(value);
  return value;
}

/**
 * Every query is scoped by user_id: a task of someone else is, to the caller, a task that does
 * not exist (OWASP API1:2023, broken object level authorization).
 */
export function createTaskQueries(database: Database) {
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
      if (sort === "due") alternatives.push(eb(column, "is", null));
      return eb.or(alternatives);
    };
  }

  /**
   * The list query compiled once per shape (sort, order, which filters, cursor kind: a few dozen in
   * all) instead of built and compiled on every request. Built with markers in place of values;
   * each compiled parameter remembers which value it stands for, so a request only fills them in.
   * On SQLite the statement cache then finds the same prepared statement; on PostgreSQL the
   * same text is one named (server-prepared) statement per connection.
   */
  const listQueries = new Map<string, CompiledList>();
  function compileList(
    query: ListTasksQuery,
    position: CursorPosition | undefined,
    descending: boolean,
  ): CompiledList {
    const { sort } = query;
    const column = SORT_COLUMNS[sort];
    const m = marker as (name: keyof ListValues) => never;
    let select = db.selectFrom("task").select(COLUMNS).where("user_id", "=", m("userId"));
    if (query.status !== "all") select = select.where("completed", "=", m("completed"));
    if (query.priority) select = select.where("priority", "=", m("priority"));
    if (query.q) select = select.where(sql<boolean>`search_text like ${m("pattern")} escape '\\'`);
    if (position) {
      const markers = {
        value: position.value === null ? null : m("cursorValue"),
        id: m("cursorId"),
      };
      select = select.where(after(sort, descending, markers));
    }
    const compiled = select
      .orderBy(column, (ob) => {
        const directed = descending ? ob.desc() : ob.asc();
        return sort === "due" ? directed.nullsLast() : directed;
      })
      .orderBy("id", descending ? "desc" : "asc")
      .limit(m("limit"))
      .compile();
    return {
      query: compiled,
      slots: compiled.parameters.map((parameter) => slotOf(parameter)),
    };
  }

  return {
    async list(userId: string, query: ListTasksQuery): Promise<TaskPage> {
      const { sort, order, limit } = query;
      const descending = order === "desc";
      const position = query.cursor ? decodeCursor(query.cursor, sort, order) : undefined;
      const values: ListValues = {
        userId,
        completed: bool(query.status === "completed"),
        priority: query.priority ? priorityRank(query.priority) : 0,
        pattern: query.q ? likePattern(query.q) : "",
        cursorValue: position?.value ?? null,
        cursorId: position?.id ?? "",
        limit: limit + 1,
      };
      const shape = listShape(query, position);
      const compiled = listQueries.get(shape) ?? compileList(query, position, descending);
      listQueries.set(shape, compiled);
      const result = await db.executeQuery<TaskRow>({
        ...compiled.query,
        parameters: compiled.slots.map((slot) =>
          typeof slot === "string" ? values[slot] : slot.constant,
        ),
      });
      const rows = result.rows;
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor(sort, order, { value: sortValue(last, sort), id: last.id })
          : null;
      return { items: page.map(toTask), nextCursor };
    },

    async find(userId: string, id: string): Promise<Task | undefined> {
      const row = await db
        .selectFrom("task")
        .select(COLUMNS)
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row && toTask(row);
    },

    /** Who owns a task, for the audit log only: never used to shape a response. */
    async ownerOf(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom("task")
        .select("user_id")
        .where("id", "=", id)
        .executeTakeFirst();
      return row?.user_id;
    },

    async count(userId: string): Promise<number> {
      const { total } = await db
        .selectFrom("task")
        .select((eb) => eb.fn.countAll<number | string>().as("total"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      return Number(total);
    },

    /**
     * Inserts a task unless the user already has `maxTasks`; undefined when they have. The count
     * and the insert run in one transaction under a per-user lock, so parallel creates cannot
     * overshoot the limit: on PostgreSQL a transaction-scoped advisory lock on the user id; on
     * SQLite an immediate transaction, which takes the database's write lock at BEGIN (Kysely's
     * SQLite driver also runs one connection, held for the whole callback, so it serialises this
     * process; the write lock serialises the others: API workers, the web app).
     */
    async create(
      userId: string,
      input: CreateTask,
      now: Date,
      maxTasks: number,
    ): Promise<Task | undefined> {
      const timestamp = now.toISOString();
      const description = input.description ?? "";
      const completed = input.completed ?? false;
      const row: TaskRow = {
        id: randomUUID(),
        title: input.title,
        description,
        title_key: titleKey(input.title),
        completed,
        completed_at: completed ? timestamp : null,
        priority: priorityRank(input.priority ?? "medium"),
        due_date: input.dueDate ?? null,
        created_at: timestamp,
        updated_at: timestamp,
      };
      const insertWithinLimit = async (executor: typeof db): Promise<Task | undefined> => {
        const { total } = await executor
          .selectFrom("task")
          .select((eb) => eb.fn.countAll<number | string>().as("total"))
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow();
        if (Number(total) >= maxTasks) return undefined;
        await executor
          .insertInto("task")
          .values({
            ...row,
            completed: bool(completed),
            user_id: userId,
            search_text: searchText(input.title, description),
          })
          .execute();
        return toTask(row);
      };
      if (kind === "postgres") {
        return db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(hashtext(${userId}))`.execute(trx);
          return insertWithinLimit(trx);
        });
      }
      return db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        try {
          const task = await insertWithinLimit(connection);
          await sql`commit`.execute(connection);
          return task;
        } catch (error) {
          await sql`rollback`.execute(connection).catch(() => {});
          throw error;
        }
      });
    },

    /** Read and write in one transaction, the row locked on PostgreSQL: concurrent PATCHes serialise. */
    async update(
      userId: string,
      id: string,
      changes: UpdateTask,
      now: Date,
    ): Promise<Task | undefined> {
      return db.transaction().execute(async (trx) => {
        let select = trx
          .selectFrom("task")
          .select(COLUMNS)
          .where("id", "=", id)
          .where("user_id", "=", userId);
        if (kind === "postgres") select = select.forUpdate();
        const current = await select.executeTakeFirst();
        if (!current) return undefined;
        const title = changes.title ?? current.title;
        const description = changes.description ?? current.description;
        const wasCompleted = Boolean(current.completed);
        const completed = changes.completed ?? wasCompleted;
        const timestamp = now.toISOString();
        const next: TaskRow = {
          ...current,
          title,
          description,
          title_key: titleKey(title),
          completed,
          // Completing stamps the time once; reopening clears it; no change keeps it.
          completed_at:
            completed === wasCompleted ? current.completed_at : completed ? timestamp : null,
          priority: changes.priority ? priorityRank(changes.priority) : current.priority,
          due_date: changes.dueDate !== undefined ? changes.dueDate : current.due_date,
          created_at: toIso(current.created_at),
          updated_at: timestamp,
        };
        await trx
          .updateTable("task")
          .set({
            title: next.title,
            description: next.description,
            title_key: next.title_key,
            search_text: searchText(title, description),
            completed: bool(completed),
            completed_at: next.completed_at === null ? null : toIso(next.completed_at),
            priority: next.priority,
            due_date: next.due_date,
            updated_at: timestamp,
          })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .execute();
        return toTask(next);
      });
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom("task")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type TaskQueries = ReturnType<typeof createTaskQueries>;

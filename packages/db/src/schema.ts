import type { Generated } from "kysely";

/**
 * Column types as both drivers return them: SQLite keeps timestamps as ISO-8601 text and booleans
 * as 0/1; PostgreSQL returns Date for timestamptz and (with our type parser) text for date.
 */
export interface TaskTable {
  id: string;
  user_id: string;
  title: string;
  description: string;
  /** Lower-cased title: a case-insensitive, Unicode-aware sort key that is the same on both databases. */
  title_key: string;
  /** Lower-cased title and description: the haystack for search (see docs/decisions). */
  search_text: string;
  completed: boolean | number;
  completed_at: string | Date | null;
  /** 1 low, 2 medium, 3 high: sortable by rank. */
  priority: number;
  /** Calendar date, YYYY-MM-DD. */
  due_date: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** Better Auth owns this table; the API only needs to know it exists (tasks reference it). */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean | number;
  image: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

export interface TaskMigrationRow {
  name: string;
  timestamp: Generated<string>;
}

/** Ended sessions and deleted accounts whose tokens the API refuses (see revocations.ts). */
export interface RevocationTable {
  id: Generated<number>;
  session_id: string | null;
  user_id: string | null;
  /** Unix seconds. */
  revoked_at: number;
  /** Unix seconds: after this no token the entry matches can still be valid. */
  keep_until: number;
}

export interface DatabaseSchema {
  revocation: RevocationTable;
  task: TaskTable;
  user: UserTable;
}

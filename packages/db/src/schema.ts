import type { listFields, StoredRow, taskFields } from "@todo/contract";
import type { Generated } from "kysely";

/**
 * The task table as both drivers return it: the columns of the API's fields derive from
 * `taskFields` (@todo/contract), which says each field's stored type once; the internal columns
 * (owner and derived search keys) are listed here.
 */
export type TaskTable = StoredRow<typeof taskFields> & {
  user_id: string;
  /** Lower-cased title: a case-insensitive, Unicode-aware sort key that is the same on both databases. */
  title_key: string;
  /** Lower-cased title and description: the haystack for search (see docs/decisions). */
  search_text: string;
  /** The tags' lower-cased keys, each between newlines: what a tag filter matches. */
  tag_keys: string;
  /** Who wrote the task (the list's owner or an editor); null once that account is deleted. */
  created_by: string | null;
};

/** A user's list (docs/decisions/0013-lists-inbox-and-composite-keys.md); columns from `listFields`. */
export type ListTable = StoredRow<typeof listFields> & { user_id: string };

/** A member of a list besides its owner (docs/decisions/0024-list-sharing-and-invite-codes.md). */
interface ListMemberTable {
  list_id: string;
  user_id: string;
  role: "editor" | "viewer";
  created_at: string | Date;
}

/** An invite code, kept only as its SHA-256; spent rows go when the list's next invite is made. */
interface ListInviteTable {
  id: string;
  list_id: string;
  code_hash: string;
  role: "editor" | "viewer";
  created_at: string | Date;
  expires_at: string | Date;
  used_at: string | Date | null;
  used_by: string | null;
  revoked_at: string | Date | null;
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

/** Ended sessions and deleted accounts whose tokens the API refuses (see revocations.ts). */
interface RevocationTable {
  id: Generated<number>;
  session_id: string | null;
  user_id: string | null;
  /** Unix seconds. */
  revoked_at: number;
  /** Unix seconds: after this no token the entry matches can still be valid. */
  keep_until: number;
  /** A user cut-off only: the session whose tokens it spares (the one that asked for it). */
  kept_session_id: string | null;
  /** A user cut-off only: `revoked_at` in milliseconds, compared with a session's creation. */
  revoked_at_ms: number | null;
}

export interface DatabaseSchema {
  list: ListTable;
  list_invite: ListInviteTable;
  list_member: ListMemberTable;
  revocation: RevocationTable;
  task: TaskTable;
  user: UserTable;
}

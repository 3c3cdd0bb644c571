// The floor's database work (floor-server.mjs), the API's queries for the same requests in their
// plainest form: one prepared statement per query (named statements on PostgreSQL).
// - list(userId, limit): the user's own top-level tasks and those of the lists shared with the
//   user (list_member), one compound ordered once, every column the API returns;
// - create(userId, row): under the user's lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
//   transaction with the per-user advisory lock), count, the Inbox, the end of its manual order,
//   insert; the Inbox's id and the task's position, or null at the task limit.
import { generateKeyBetween } from "fractional-indexing";

const MAX_TASKS = 1_000_000;
const COLUMNS = `id, list_id, title, description, completed, completed_at, priority, due_date, tags,
  parent_id, recurrence, subtask_count, subtasks_completed, position, created_at, updated_at`;
const LIST = `select ${COLUMNS} from task where user_id = $1 and parent_id is null
  union all
  select ${COLUMNS} from task
  where list_id in (select list_id from list_member where user_id = $2)
    and user_id <> $3 and parent_id is null
  order by created_at desc, id desc limit $4`;
const COUNT = "select count(*) as total from task where user_id = $1";
const INBOX = "select id from list where user_id = $1 and is_inbox";
const LAST = "select max(position) as last from task where list_id = $1";
const INSERT = `insert into task (id, user_id, title, description, title_key, search_text, completed,
  completed_at, priority, due_date, tags, tag_keys, parent_id, recurrence, subtask_count,
  subtasks_completed, created_by, created_at, updated_at, list_id, position)
  values ($1, $2, $3, $4, $5, $6, $7, null, $8, $9, $10, $11, null, null, 0, 0, $12, $13, $14, $15, $16)`;
const REVOKED = "select session_id, user_id, revoked_at from revocation where keep_until > $1";

/** The next key of a list's manual order after its last one (null: an empty list). */
const after = (last) => generateKeyBetween(last || null, null);

async function openPostgres(url, size) {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: size });
  const one = async (client, name, text, values) =>
    (await client.query({ name, text, values })).rows[0];
  return {
    revoked: async (now) => (await pool.query(REVOKED, [now])).rows,
    list: async (userId, limit) =>
      (await pool.query({ name: "list", text: LIST, values: [userId, userId, userId, limit] }))
        .rows,
    async create(userId, values) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        await one(client, "lock", "select pg_advisory_xact_lock(hashtext($1))", [userId]);
        const { total } = await one(client, "count", COUNT, [userId]);
        let created = null;
        if (Number(total) < MAX_TASKS) {
          const { id: listId } = await one(client, "inbox", INBOX, [userId]);
          const position = after((await one(client, "last", LAST, [listId])).last);
          await client.query({
            name: "insert",
            text: INSERT,
            values: [...values, listId, position],
          });
          created = { listId, position };
        }
        await client.query("commit");
        return created;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

async function openSqlite(file) {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL"); // as the API
  sqlite.pragma("busy_timeout = 5000");
  // Each $n appears once and in order: SQLite's positional `?`.
  const q = (text) => sqlite.prepare(text.replace(/\$\d+/g, "?"));
  const [list, count, inbox, last, insert, revoked] = [
    LIST,
    COUNT,
    INBOX,
    LAST,
    INSERT,
    REVOKED,
  ].map(q);
  const [begin, commit, rollback] = ["begin immediate", "commit", "rollback"].map((s) =>
    sqlite.prepare(s),
  );
  return {
    revoked: async (now) => revoked.all(now),
    list: async (userId, limit) => list.all(userId, userId, userId, limit),
    async create(userId, values) {
      begin.run();
      try {
        let created = null;
        if (count.get(userId).total < MAX_TASKS) {
          const listId = inbox.get(userId).id;
          const position = after(last.get(listId).last);
          insert.run(...values, listId, position);
          created = { listId, position };
        }
        commit.run();
        return created;
      } catch (error) {
        rollback.run();
        throw error;
      }
    },
  };
}

/** DB_FILE (SQLite) or DATABASE_URL (PostgreSQL, a pool of PG_POOL connections). */
export function openFloorDatabase({ DB_FILE, DATABASE_URL, PG_POOL }) {
  return DATABASE_URL ? openPostgres(DATABASE_URL, Number(PG_POOL ?? 4)) : openSqlite(DB_FILE);
}

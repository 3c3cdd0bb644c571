// The floor the API is measured against: the least a correct server does per request, written
// without the project's packages. node:http; HS256 through node:crypto (keys made once,
// constant-time comparison) with every header and claim rule of docs/contract.md in its order;
// the revocation lookup in memory (two Maps, read once from the table at start); one prepared
// statement per query; JSON.stringify. No routing, validation, CORS, security headers, rate
// limits, logging or problem details: the ratio API/floor is the price of those.
//
// DB_FILE (SQLite) or DATABASE_URL (PostgreSQL, a pool of PG_POOL connections, named statements).
import { createHash, createHmac, createSecretKey, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";

const { DB_FILE, DATABASE_URL, JWT_SECRET, PORT, JWT_ISSUER, JWT_AUDIENCE } = process.env;
const MAX_TASKS = 1_000_000;
const LIST = `select id, list_id, title, description, completed, completed_at, priority, due_date, created_at,
  updated_at from task where user_id = $1 order by created_at desc, id desc limit $2`;
const COUNT = "select count(*) as total from task where user_id = $1";
// A task without a list goes to the user's Inbox (as the API: looked up inside the transaction).
const INBOX = "select id from list where user_id = $1 and is_inbox";
const INSERT = `insert into task (id, user_id, title, description, title_key, search_text, completed,
  completed_at, priority, due_date, created_at, updated_at, list_id)
  values ($1, $2, $3, $4, $5, $6, $7, null, $8, $9, $10, $11, $12)`;
const REVOKED = "select session_id, user_id, revoked_at from revocation where keep_until > $1";

// --- the database: list(userId, limit) → rows; create(userId, row) → its list id, or null -------
let db;
if (DATABASE_URL) {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: Number(process.env.PG_POOL ?? 4),
  });
  db = {
    all: async (text, values) => (await pool.query(text, values)).rows,
    list: async (userId, limit) =>
      (await pool.query({ name: "list", text: LIST, values: [userId, limit] })).rows,
    async create(userId, values) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        await client.query({
          name: "lock",
          text: "select pg_advisory_xact_lock(hashtext($1))",
          values: [userId],
        });
        const [{ total }] = (await client.query({ name: "count", text: COUNT, values: [userId] }))
          .rows;
        let listId = null;
        if (Number(total) < MAX_TASKS) {
          const inbox = await client.query({ name: "inbox", text: INBOX, values: [userId] });
          listId = inbox.rows[0].id;
          await client.query({ name: "insert", text: INSERT, values: [...values, listId] });
        }
        await client.query("commit");
        return listId;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
} else {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(DB_FILE);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL"); // as the API
  sqlite.pragma("busy_timeout = 5000");
  const q = (text) => sqlite.prepare(text.replace(/\$\d+/g, "?"));
  const list = q(LIST);
  const count = q(COUNT);
  const insert = q(INSERT);
  const inbox = q(INBOX);
  const [begin, commit, rollback] = ["begin immediate", "commit", "rollback"].map((s) =>
    sqlite.prepare(s),
  );
  db = {
    all: async (text, values) => q(text).all(...values),
    list: async (userId, limit) => list.all(userId, limit),
    async create(userId, values) {
      begin.run();
      try {
        let listId = null;
        if (count.get(userId).total < MAX_TASKS) {
          listId = inbox.get(userId).id;
          insert.run(...values, listId);
        }
        commit.run();
        return listId;
      } catch (error) {
        rollback.run();
        throw error;
      }
    },
  };
}

// --- the revocation record: ended sessions and deleted accounts ---------------------------------
const revokedSessions = new Map();
const revokedUsers = new Map();
for (const row of await db.all(REVOKED, [Math.floor(Date.now() / 1000)])) {
  if (row.session_id !== null) revokedSessions.set(row.session_id, true);
  else revokedUsers.set(row.user_id, Number(row.revoked_at));
}

// --- the access-token contract -------------------------------------------------------------------
const kid = createHash("sha256").update(JWT_SECRET).digest("base64url").slice(0, 16);
const keys = new Map([[kid, createSecretKey(Buffer.from(JWT_SECRET, "utf8"))]]);
const B64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function canonical(segment) {
  if (!B64URL.test(segment) || segment.length % 4 === 1) return undefined;
  const bytes = Buffer.from(segment, "base64url");
  return bytes.toString("base64url") === segment ? bytes : undefined;
}
function object(segment) {
  const bytes = canonical(segment);
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(utf8.decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
const id = (v) => typeof v === "string" && v.length > 0 && v.length <= 255;
const optionalString = (v) => v === undefined || typeof v === "string";

/** The claims, or undefined: the contract's steps 1 to 12 (the reason is not needed here). */
function verify(token) {
  if (token.length > 4096) return undefined;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[2].length !== 43) return undefined;
  const signature = canonical(parts[2]);
  const header = object(parts[0]);
  const claims = object(parts[1]);
  if (!signature || !header || !claims) return undefined;
  const names = Object.keys(header);
  if (names.length !== 3 || header.alg !== "HS256" || header.typ !== "at+jwt") return undefined;
  if (typeof header.kid !== "string") return undefined;
  const key = keys.get(header.kid);
  if (!key) return undefined;
  const mac = createHmac("sha256", key).update(`${parts[0]}.${parts[1]}`).digest();
  if (!timingSafeEqual(mac, signature)) return undefined;
  const { iss, aud, sub, iat, exp, nbf, jti, sid, email, name } = claims;
  if (!id(sub) || !id(jti) || !id(sid)) return undefined;
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return undefined;
  if (nbf !== undefined && !Number.isSafeInteger(nbf)) return undefined;
  if (!optionalString(email) || !optionalString(name) || iss !== JWT_ISSUER) return undefined;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.every((a) => typeof a === "string") || !audiences.includes(JWT_AUDIENCE))
    return undefined;
  const now = Math.floor(Date.now() / 1000);
  if (exp <= iat || exp - iat > 3600 || iat > now + 30 || exp <= now - 30) return undefined;
  if (nbf !== undefined && nbf > now + 30) return undefined;
  if (revokedSessions.has(sid)) return undefined;
  const userRevokedAt = revokedUsers.get(sub);
  if (userRevokedAt !== undefined && iat <= userRevokedAt) return undefined;
  return claims;
}

// --- the two routes ------------------------------------------------------------------------------
const PRIORITIES = ["low", "medium", "high"];
const task = (row) => ({
  id: row.id,
  listId: row.list_id,
  title: row.title,
  description: row.description,
  completed: Boolean(row.completed),
  completedAt: row.completed_at,
  priority: PRIORITIES[row.priority - 1],
  dueDate: row.due_date,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
const send = (res, status, body, type = "application/json") => {
  res.writeHead(status, { "content-type": type });
  res.end(body);
};
// The contract's 401 (docs/contract.md): RFC 6750's challenge, with the error when a token came.
const challenge = (header) =>
  header === undefined
    ? 'Bearer realm="todo-api"'
    : 'Bearer realm="todo-api", error="invalid_token"';
const unauthorized = (res, header) => {
  res.writeHead(401, {
    "content-type": "application/problem+json",
    "www-authenticate": challenge(header),
  });
  res.end('{"status":401}');
};

async function handle(req, res) {
  const header = req.headers.authorization;
  const claims = header?.startsWith("Bearer ") ? verify(header.slice(7)) : undefined;
  if (!claims) return unauthorized(res, header);
  if (req.method === "GET") {
    const rows = await db.list(claims.sub, 21);
    const items = rows.slice(0, 20).map(task);
    const last = items.at(-1);
    const nextCursor =
      rows.length > 20
        ? Buffer.from(JSON.stringify(["created", "desc", last.createdAt, last.id])).toString(
            "base64url",
          )
        : null;
    return send(res, 200, JSON.stringify({ items, nextCursor }));
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const now = new Date().toISOString();
  const row = {
    id: randomUUID(),
    title: input.title,
    description: "",
    completed: 0,
    completed_at: null,
    priority: PRIORITIES.indexOf(input.priority) + 1,
    due_date: input.dueDate ?? null,
    created_at: now,
    updated_at: now,
  };
  const completed = DATABASE_URL ? false : 0;
  const listId = await db.create(claims.sub, [
    row.id,
    claims.sub,
    row.title,
    row.description,
    row.title.toLowerCase(),
    `${row.title}\n${row.description}`.toLowerCase(),
    completed,
    row.priority,
    row.due_date,
    now,
    now,
  ]);
  return listId !== null
    ? send(res, 201, JSON.stringify(task({ ...row, list_id: listId })))
    : send(res, 409, '{"status":409}', "application/problem+json");
}

http
  .createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, '{"status":500}', "application/problem+json"));
  })
  .listen(Number(PORT), "127.0.0.1", () => console.info("floor server ready"));

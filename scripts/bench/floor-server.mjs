// The floor the API is measured against: the least a correct server does per request, written
// without the project's packages. node:http; the access-token contract (floor-token.mjs); the
// same database work as the API for the same requests (floor-database.mjs); every field the API
// returns, mapped as the API maps it; JSON.stringify. No routing, validation, CORS, security
// headers, rate limits, logging, live events or problem details: the ratio API/floor is their price.
//
// DB_FILE (SQLite) or DATABASE_URL (PostgreSQL, a pool of PG_POOL connections, named statements).
import { randomUUID } from "node:crypto";
import http from "node:http";
import { openFloorDatabase } from "./floor-database.mjs";
import { createVerifier } from "./floor-token.mjs";

const { JWT_SECRET, PORT, JWT_ISSUER, JWT_AUDIENCE } = process.env;
const PAGE = 20;

const db = await openFloorDatabase(process.env);
const verify = createVerifier({
  secret: JWT_SECRET,
  issuer: JWT_ISSUER,
  audience: JWT_AUDIENCE,
  revoked: await db.revoked(Math.floor(Date.now() / 1000)),
});

// --- a row as the API returns it ------------------------------------------------------------------
const PRIORITIES = ["low", "medium", "high"];
// SQLite hands back the ISO text stored; PostgreSQL a Date.
const iso = (value) => (value instanceof Date ? value.toISOString() : value);
const task = (row) => ({
  id: row.id,
  listId: row.list_id,
  title: row.title,
  description: row.description,
  completed: Boolean(row.completed),
  completedAt: row.completed_at === null ? null : iso(row.completed_at),
  priority: PRIORITIES[row.priority - 1],
  dueDate: row.due_date,
  tags: JSON.parse(row.tags),
  parentId: row.parent_id,
  recurrence: row.recurrence,
  subtaskCount: Number(row.subtask_count),
  subtasksCompleted: Number(row.subtasks_completed),
  position: row.position,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
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

// --- the two routes ------------------------------------------------------------------------------
async function list(res, userId) {
  // One more than a page: whether there is a next one.
  const rows = await db.list(userId, PAGE + 1);
  const items = rows.slice(0, PAGE).map(task);
  const last = items.at(-1);
  const nextCursor =
    rows.length > PAGE
      ? Buffer.from(JSON.stringify(["created", "desc", last.createdAt, last.id])).toString(
          "base64url",
        )
      : null;
  send(res, 200, JSON.stringify({ items, nextCursor }));
}

async function create(req, res, userId) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const now = new Date().toISOString();
  const tags = input.tags ?? [];
  const row = {
    id: randomUUID(),
    title: input.title,
    description: "",
    completed: 0,
    completed_at: null,
    priority: PRIORITIES.indexOf(input.priority ?? "medium") + 1,
    due_date: input.dueDate ?? null,
    tags: JSON.stringify(tags),
    parent_id: null,
    recurrence: null,
    subtask_count: 0,
    subtasks_completed: 0,
    created_at: now,
    updated_at: now,
  };
  const keys = tags.length === 0 ? "" : `\n${tags.map((t) => t.toLowerCase()).join("\n")}\n`;
  const created = await db.create(userId, [
    row.id,
    userId,
    row.title,
    row.description,
    row.title.toLowerCase(),
    `${row.title}\n${row.description}`.toLowerCase(),
    process.env.DATABASE_URL ? false : 0,
    row.priority,
    row.due_date,
    row.tags,
    keys,
    userId,
    now,
    now,
  ]);
  if (created === null) return send(res, 409, '{"status":409}', "application/problem+json");
  const { listId, position } = created;
  send(res, 201, JSON.stringify(task({ ...row, list_id: listId, position })));
}

async function handle(req, res) {
  const header = req.headers.authorization;
  const claims = header?.startsWith("Bearer ") ? verify(header.slice(7)) : undefined;
  if (!claims) return unauthorized(res, header);
  return req.method === "GET" ? list(res, claims.sub) : create(req, res, claims.sub);
}

http
  .createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, '{"status":500}', "application/problem+json"));
  })
  .listen(Number(PORT), "127.0.0.1", () => console.info("floor server ready"));

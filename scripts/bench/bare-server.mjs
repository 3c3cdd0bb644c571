// The baseline the API is measured against: bare node:http doing the same work per request (the
// same access-token check from @todo/token, the same SQLite query, JSON out) and nothing else:
// no routing, validation, CORS, security headers, rate limits, logging or error handling.
import http from "node:http";
import { createAccessTokenVerifier, createKeyRing } from "@todo/token";
import Database from "better-sqlite3";

const { DB_FILE, JWT_SECRET, PORT, JWT_ISSUER, JWT_AUDIENCE } = process.env;
const db = new Database(DB_FILE);
db.pragma("journal_mode = WAL");
const list = db.prepare(
  "select id, title, description, title_key, completed, completed_at, priority, due_date, created_at, updated_at from task where user_id = ? order by created_at desc, id desc limit ?",
);
const verifier = createAccessTokenVerifier({
  keyRing: await createKeyRing({ secret: JWT_SECRET }),
  issuer: JWT_ISSUER,
  audience: JWT_AUDIENCE,
});
const PRIORITIES = ["low", "medium", "high"];

http
  .createServer(async (req, res) => {
    const header = req.headers.authorization ?? "";
    try {
      const claims = await verifier.verify(header.slice(7));
      const rows = list.all(claims.sub, 21);
      const items = rows.slice(0, 20).map((row) => ({
        id: row.id,
        title: row.title,
        description: row.description,
        completed: Boolean(row.completed),
        completedAt: row.completed_at,
        priority: PRIORITIES[row.priority - 1],
        dueDate: row.due_date,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ items, nextCursor: rows.length > 20 ? "next" : null }));
    } catch {
      res.writeHead(401, { "content-type": "application/problem+json" });
      res.end('{"status":401}');
    }
  })
  .listen(Number(PORT), "127.0.0.1", () => console.info("bare server ready"));

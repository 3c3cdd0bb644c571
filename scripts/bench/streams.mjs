// Part of `npm run bench`: live sync on one API process (docs/decisions/0015-live-sync-events.md).
// 1,000 open `GET /api/events` streams (200 users, 5 each): the API's memory with and without
// them, the list endpoint's throughput with and without them (autocannon in a separate process),
// and the time from a write to its event arriving on a stream. Writes docs/benchmarks-streams.md.
// Ports 4180-4189.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSseParser } from "@todo/contract";
import { ROOT } from "../lib/processes.mjs";
import { seed } from "./seed.mjs";
import { startApiServer, stop, waitUntilUp } from "./servers.mjs";

const PORT = 4180;
const API = `http://127.0.0.1:${PORT}`;
const USERS = 200;
const STREAMS_PER_USER = 5;
const WRITES = Number(process.env.BENCH_STREAM_WRITES ?? 300);
const DURATION = 10;
const CONNECTIONS = 50;
const ISSUER = "http://localhost:3000";
const AUDIENCE = "todo-api";

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

/** autocannon from its own process, so the streams held here do not share its CPU. */
function listLoad(token) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/autocannon/autocannon.js"),
        "-j",
        "-c",
        String(CONNECTIONS),
        "-d",
        String(DURATION),
        "-H",
        `authorization=Bearer ${token}`,
        `${API}/api/tasks`,
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const result = JSON.parse(out);
      resolve({ rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx });
    });
  });
}

/** A stream read as the browser does (streaming fetch); `onEvent` gets each change. */
async function openStream(token, onEvent) {
  const response = await fetch(`${API}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
  const parser = createSseParser((message) => {
    if (message.event !== "ready") onEvent(message);
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true }));
      if (done) return;
      parser.push(decoder.decode(value, { stream: true }));
    }
  })();
  return reader;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "todo-bench-streams-"));
const secret = randomBytes(32).toString("base64url");
const sqlite = { kind: "sqlite", path: path.join(dataDir, "todo.sqlite") };
const tokens = await seed(sqlite, {
  secret,
  issuer: ISSUER,
  audience: AUDIENCE,
  users: USERS,
  tasksPerUser: 20,
  revocations: 0,
});
// Not pinned to a core: the streams are the load here, not a comparison with the floor.
const { child: api, started } = startApiServer(
  dataDir,
  "api",
  {
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${sqlite.path}`,
    JWT_SECRET: secret,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    JWT_ISSUER: ISSUER,
    PORT: String(PORT),
    RATE_LIMIT_PER_IP: "10000000",
    RATE_LIMIT_PER_USER: "10000000",
    EVENT_STREAMS_PER_USER: String(STREAMS_PER_USER),
    EVENT_STREAMS_PER_ADDRESS: String(USERS * STREAMS_PER_USER),
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
  },
  { core: null },
);
const readers = [];
api.once("exit", (code) => {
  if (code !== 0 && code !== null) console.error(`the API exited (${code}); see its log`);
});
try {
  await waitUntilUp(`${API}/healthz`, started);
  const listToken = tokens[0];
  await listLoad(listToken); // warm-up
  const rssIdle = rssMiB(api.pid);
  const without = await listLoad(listToken);

  const arrivals = new Map(); // task title → time its event arrived (first stream to see it)
  for (const token of tokens) {
    for (let s = 0; s < STREAMS_PER_USER; s++) {
      readers.push(
        await openStream(token, (message) => {
          const { title } = JSON.parse(message.data);
          if (!arrivals.has(title)) arrivals.set(title, performance.now());
        }),
      );
    }
  }
  await sleep(2000);
  const rssStreams = rssMiB(api.pid);
  const withStreams = await listLoad(listToken);

  const latencies = [];
  for (let i = 0; i < WRITES; i++) {
    const token = tokens[(i * 7) % tokens.length];
    const title = `bench write ${i}`;
    const sentAt = performance.now();
    const response = await fetch(`${API}/api/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title }),
    });
    if (response.status !== 201) throw new Error(`create answered ${response.status}`);
    await response.arrayBuffer();
    while (!arrivals.has(title)) {
      if (performance.now() - sentAt > 10_000) throw new Error("an event never arrived");
      await sleep(1);
    }
    latencies.push(arrivals.get(title) - sentAt);
  }
  const streams = readers.length;
  const fmt = (n) => n.toFixed(1);
  const report = `# Live sync on one API process

Generated by \`node scripts/bench/streams.mjs\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} cores, SQLite, no Redis, one API process.
${USERS} users with ${STREAMS_PER_USER} open \`GET /api/events\` streams each (${streams} streams), read by
this script with streaming \`fetch\`; \`GET /api/tasks\` (20 tasks) loaded by autocannon from a
separate process (${CONNECTIONS} connections, ${DURATION} s) with and without the streams open. Compare
figures within one run only: the machine is shared and they vary run to run.

| | without streams | with ${streams} streams |
|---|---:|---:|
| API resident memory (MiB) | ${fmt(rssIdle)} | ${fmt(rssStreams)} |
| list req/s | ${without.rps.toFixed(0)} | ${withStreams.rps.toFixed(0)} |
| list p99 latency (ms) | ${without.p99} | ${withStreams.p99} |

About ${fmt(((rssStreams - rssIdle) * 1024) / streams)} KiB of memory per open stream.

From a write to its event, with the ${streams} streams open (${WRITES} writes, one at a time,
each by one of the ${USERS} users; the time runs from sending \`POST /api/tasks\` to the event's
arrival on the first of the user's streams, so it includes the write itself):

| p50 ms | p99 ms | max ms |
|---:|---:|---:|
| ${fmt(percentile(latencies, 50))} | ${fmt(percentile(latencies, 99))} | ${fmt(Math.max(...latencies))} |
`;
  writeFileSync(path.join(ROOT, "docs/benchmarks-streams.md"), report);
  console.info(report);
  console.info("Wrote docs/benchmarks-streams.md");
} finally {
  for (const reader of readers) await reader.cancel().catch(() => {});
  await stop(api);
  rmSync(dataDir, { recursive: true, force: true });
}

// `npm run bench:revocation` (also part of `npm run bench`): how long after a sign-out the API
// refuses that session's token. Two set-ups, each on fresh data: SQLite without Redis (one API,
// which finds the entry by polling), and PostgreSQL with Redis and two API instances (the entry
// is pushed; the time counts until *both* refuse). Writes docs/benchmarks-revocation.md.
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { Redis } from "ioredis";
import { ROOT } from "../lib/processes.mjs";
import { scratchDeployment, startApiServer, startServer, stop, waitUntilUp } from "./servers.mjs";

const TRIALS = Number(process.env.BENCH_REVOCATION_TRIALS ?? 100);
/** Accounts signed in to in turn: each user may obtain 60 tokens a minute. */
const ACCOUNTS = 5;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/8";
const PASSWORD = "a long enough passphrase";

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const cookieOf = (response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function trial(webUrl, apiUrls, email) {
  const signIn = await fetch(`${webUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: webUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = cookieOf(signIn);
  const tokenResponse = await fetch(`${webUrl}/api/auth/token`, { headers: { cookie } });
  if (tokenResponse.status !== 200) throw new Error(`token answered ${tokenResponse.status}`);
  const { token } = await tokenResponse.json();
  const headers = { authorization: `Bearer ${token}` };
  const status = async (apiUrl) => {
    const response = await fetch(`${apiUrl}/api/me`, { headers });
    await response.arrayBuffer();
    return response.status;
  };
  for (const apiUrl of apiUrls) {
    if ((await status(apiUrl)) !== 200) throw new Error("a fresh token was refused");
  }
  const signOut = await fetch(`${webUrl}/api/auth/sign-out`, {
    method: "POST",
    headers: { cookie, origin: webUrl, "content-type": "application/json" },
    body: "{}",
  });
  if (signOut.status !== 200) throw new Error(`sign-out answered ${signOut.status}`);
  const signedOutAt = performance.now();
  const refusedIn = await Promise.all(
    apiUrls.map(async (apiUrl) => {
      for (;;) {
        if ((await status(apiUrl)) === 401) return performance.now() - signedOutAt;
        if (performance.now() - signedOutAt > 10_000) throw new Error("never refused");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }),
  );
  return Math.max(...refusedIn);
}

async function measure({ label, database, redis, apis, port }) {
  const webUrl = `http://localhost:${port}`;
  const apiUrls = apis.map((_, i) => `http://127.0.0.1:${port + 1000 + i}`);
  // The APIs' own rate limits would stop the trials' token checks long before they end.
  const { dataDir, env } = scratchDeployment("todo-bench-revocation-", webUrl, apiUrls[0], {
    databaseUrl: database,
    redisUrl: redis,
    env: { RATE_LIMIT_PER_IP: "10000000", RATE_LIMIT_PER_USER: "10000000" },
  });
  // Not pinned to a core: web and APIs share the machine as they would in a deployment.
  const web = startServer(
    dataDir,
    "web",
    ["apps/web/dist/server.js", "--port", String(port)],
    env,
    null,
  );
  const apiServers = apiUrls.map((_, i) =>
    startApiServer(dataDir, `api${i}`, { ...env, PORT: String(port + 1000 + i) }, { core: null }),
  );
  try {
    await Promise.all([
      waitUntilUp(`${webUrl}/sign-in`, web.started),
      ...apiUrls.map((url, i) => waitUntilUp(`${url}/healthz`, apiServers[i].started)),
    ]);
    const emails = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const email = `bench-${randomBytes(4).toString("hex")}@example.test`;
      const response = await fetch(`${webUrl}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: webUrl },
        body: JSON.stringify({ name: "Bench", email, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sign-up answered ${response.status}`);
      emails.push(email);
    }
    const times = [];
    for (let i = 0; i < TRIALS; i++) times.push(await trial(webUrl, apiUrls, emails[i % ACCOUNTS]));
    const result = {
      label,
      trials: TRIALS,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: Math.max(...times),
    };
    console.info(`${label}: p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms`);
    return result;
  } finally {
    await Promise.all([web, ...apiServers].map(({ child }) => stop(child)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Web on `port`, its APIs on port + 1000, + 1001. Ports ending in 3 to 6 stay clear of the
// browser tests' services (3100, 4100 and 4200 plus a multiple of 10, E2E_PORT_OFFSET) and of
// the other benchmarks' (settings.mjs), so a checkout running its browser tests cannot answer here.
const sqlite = await measure({ label: "SQLite, no Redis, 1 API", apis: [0], port: 3173 });
const redis = new Redis(REDIS_URL);
await redis.flushdb();
redis.disconnect();
const postgresUrl = await createScratchPostgres("todo_bench");
let postgres;
try {
  postgres = await measure({
    label: "PostgreSQL + Redis, 2 APIs",
    database: postgresUrl,
    redis: REDIS_URL,
    apis: [0, 1],
    port: 3175,
  });
} finally {
  await dropScratchPostgres(postgresUrl);
}

const rows = [
  [sqlite, 2000],
  [postgres, 1000],
].map(
  ([r, target]) =>
    `| ${r.label} | ${r.trials} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} | ≤ ${target} | ${r.p99 <= target ? "yes" : "no"} |`,
);
writeFileSync(
  path.join(ROOT, "docs/benchmarks-revocation.md"),
  `# Revocation propagation

Generated by \`npm run bench:revocation\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} cores.
Each trial signs in, takes an access token, checks that every API instance accepts it, signs out,
and then asks every instance every 5 ms until all refuse the token. The time runs from the
sign-out's answer to the last refusal (docs/decisions/0010-session-revocation.md).

| set-up | trials | p50 ms | p99 ms | max ms | p99 target ms | met |
|---|---:|---:|---:|---:|---:|:---:|
${rows.join("\n")}

Without Redis an instance finds the entry at its next poll of the table (every second), so the
time is anywhere up to a second, depending on where in the interval the sign-out falls. With Redis the entry is pushed to every instance as it is
written, before the sign-out even answers, so most trials see the token refused at the first ask.
`,
);
console.info("Wrote docs/benchmarks-revocation.md");

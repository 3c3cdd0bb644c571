// `npm run bench:first-paint`: how soon the first task is on screen after opening /tasks, against
// the first contentful paint, in Chromium (a benchmark, not a test: nothing here passes or fails).
// Warm loads of one signed-in user's tasks page with 20 tasks; medians of TRIALS loads after one
// warm-up. Writes docs/benchmarks-first-paint.md.
//
// BENCH_BASELINE_WEB=<path to another checkout's built apps/web/dist/server.js> measures that web
// app too, against the same API and data (the figures "before" a change to the page).
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ROOT } from "../lib/processes.mjs";
import { scratchDeployment, startApiServer, startServer, stop, waitUntilUp } from "./servers.mjs";

const TRIALS = Number(process.env.BENCH_FIRST_PAINT_TRIALS ?? 9);
const TASKS = 20;
const BASELINE = process.env.BENCH_BASELINE_WEB;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Ports ending in 6: clear of the browser tests' services and the other benchmarks'.
const WEB_PORT = 3176;
const API_PORT = 4176;
const webUrl = `http://localhost:${WEB_PORT}`;
const apiUrl = `http://localhost:${API_PORT}`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs in the page before its HTML is parsed: the moment a task row first exists in the document
 * is taken in the next animation frame (the frame that paints it); a row in the server's HTML
 * exists before the first paint, so it is visible at the first contentful paint, no earlier.
 */
function observeFirstTask() {
  const seen = () => {
    requestAnimationFrame(() => {
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
      window.__firstTask = performance.now();
      window.__fcpAtTask = fcp;
    });
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector("li[data-task-id]")) return;
    observer.disconnect();
    seen();
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function measureLoads(context) {
  const fcps = [];
  const firsts = [];
  for (let i = 0; i <= TRIALS; i++) {
    const page = await context.newPage();
    await page.addInitScript(observeFirstTask);
    await page.goto(`${webUrl}/tasks`);
    await page.waitForFunction(() => window.__firstTask !== undefined);
    await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint")[0]);
    const { fcp, task } = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
      task: window.__firstTask,
    }));
    await page.close();
    if (i === 0) continue; // the warm-up
    fcps.push(fcp);
    firsts.push(Math.max(fcp, task));
  }
  return { fcp: median(fcps), firstTask: median(firsts) };
}

async function measure(label, webServer, env, cookies) {
  const web = startServer(env.DATA_DIR, label, [webServer, "--port", String(WEB_PORT)], env, null);
  try {
    await waitUntilUp(`${webUrl}/sign-in`, web.started);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookies);
      const result = await measureLoads(context);
      console.info(
        `${label}: FCP ${result.fcp.toFixed(0)} ms, first task ${result.firstTask.toFixed(0)} ms`,
      );
      return { label, ...result };
    } finally {
      await browser.close();
    }
  } finally {
    await stop(web.child);
  }
}

async function seed() {
  const signUp = await fetch(`${webUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: webUrl },
    body: JSON.stringify({
      name: "Bench",
      email: `bench-${randomBytes(4).toString("hex")}@example.test`,
      password: "a long enough passphrase",
    }),
  });
  if (signUp.status !== 200) throw new Error(`sign-up answered ${signUp.status}`);
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]);
  const token = await fetch(`${webUrl}/api/auth/token`, { headers: { cookie: cookie.join("; ") } });
  const { token: bearer } = await token.json();
  for (let i = 1; i <= TASKS; i++) {
    const created = await fetch(`${apiUrl}/api/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify({ title: `Task number ${i}` }),
    });
    if (created.status !== 201) throw new Error(`task creation answered ${created.status}`);
  }
  return cookie.map((pair) => {
    const [name, ...value] = pair.split("=");
    return { name, value: value.join("="), url: webUrl };
  });
}

const { dataDir, env } = scratchDeployment("todo-bench-first-paint-", webUrl, apiUrl);
const api = startApiServer(dataDir, "api", { ...env, PORT: String(API_PORT) }, { core: null });
const results = [];
try {
  await waitUntilUp(`${apiUrl}/healthz`, api.started);
  const seeding = startServer(
    dataDir,
    "seed",
    ["apps/web/dist/server.js", "--port", String(WEB_PORT)],
    env,
    null,
  );
  let cookies;
  try {
    await waitUntilUp(`${webUrl}/sign-in`, seeding.started);
    cookies = await seed();
  } finally {
    await stop(seeding.child);
  }
  if (BASELINE) results.push(await measure("before", path.resolve(BASELINE), env, cookies));
  results.push(await measure("this build", "apps/web/dist/server.js", env, cookies));
} finally {
  await stop(api.child);
  rmSync(dataDir, { recursive: true, force: true });
}

const rows = results.map(
  (r) =>
    `| ${r.label} | ${r.fcp.toFixed(0)} | ${r.firstTask.toFixed(0)} | ${(r.firstTask / r.fcp).toFixed(2)}× |`,
);
const current = results.at(-1);
const met = current.firstTask <= 1.25 * current.fcp;
writeFileSync(
  path.join(ROOT, "docs/benchmarks-first-paint.md"),
  `# First task on screen against the first paint

Written by \`npm run bench:first-paint\` (scripts/bench/first-paint.mjs) on ${new Date().toISOString().slice(0, 10)},
${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}, Chromium from \`${CHROMIUM}\`,
load average ${os.loadavg()[0].toFixed(1)} at the end of the run (other work on the machine slows both builds alike).

One signed-in user with ${TASKS} tasks in the Inbox; the built web app and API on one machine
(SQLite). Each figure is the median of ${TRIALS} warm loads of \`/tasks\` in a new tab of one
browser (one warm-up load first). FCP is the browser's \`first-contentful-paint\`; "first task"
is the animation frame in which the first task row exists in the document, and never earlier
than FCP (nothing is on screen before it).

| web app | FCP ms | first task ms | first task / FCP |
|---|---:|---:|---:|
${rows.join("\n")}

Target: the first task within 1.25× of FCP. ${met ? "Met" : "Not met"} by this build
(${(current.firstTask / current.fcp).toFixed(2)}×).${
    BASELINE
      ? ' "before" is the web app without the server-rendered first page: it paints the page, then\nloads its script, a token and the lists and tasks from the API before the first task shows.'
      : ""
  }
`,
);
console.info(`docs/benchmarks-first-paint.md written; target ${met ? "met" : "not met"}`);

// `npm run screenshot`: the README's picture of the tasks page (docs/screenshots/tasks.png), taken
// from the built apps (`npm run build && npm run build:web` first) with an account seeded through
// the real auth endpoint and API: lists, tags, subtasks, a repeating task and a due time, so the
// sidebar's Today and Upcoming counts have something to count. Desktop width, light theme.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import {
  scratchDeployment,
  startApiServer,
  startServer,
  stop,
  waitUntilUp,
} from "./bench/servers.mjs";
import { ROOT } from "./lib/processes.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Ports ending in 7: clear of the browser tests' services and the benchmarks'.
const WEB_PORT = 3177;
const API_PORT = 4177;
const webUrl = `http://localhost:${WEB_PORT}`;
const apiUrl = `http://localhost:${API_PORT}`;
const TIME_ZONE = "Europe/Paris";
const OUTPUT = path.join(ROOT, "docs/screenshots/tasks.png");

/** A date `days` from today in TIME_ZONE, as the API takes it (YYYY-MM-DD). */
function inDays(days) {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(date);
}

async function signUp() {
  const response = await fetch(`${webUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: webUrl },
    body: JSON.stringify({
      name: "Zoë Example",
      email: `readme-${randomBytes(4).toString("hex")}@example.test`,
      password: "a long enough passphrase",
    }),
  });
  if (response.status !== 200) throw new Error(`sign-up answered ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]);
}

async function seed(cookie) {
  const tokenResponse = await fetch(`${webUrl}/api/auth/token`, {
    headers: { cookie: cookie.join("; ") },
  });
  const { token } = await tokenResponse.json();
  const post = async (url, body) => {
    const response = await fetch(`${apiUrl}${url}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) {
      throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
    }
    return response.json();
  };
  const work = await post("/api/lists", { name: "Work" });
  const groceries = await post("/api/lists", { name: "Groceries" });
  for (const title of ["Oat milk", "Lemons", "Coffee beans"]) {
    await post("/api/tasks", { title, listId: groceries.id });
  }
  await post("/api/tasks", {
    title: "Send the quarterly report",
    listId: work.id,
    priority: "high",
    dueDate: inDays(1),
    tags: ["finance"],
  });
  await post("/api/tasks", {
    title: "Review the design notes",
    listId: work.id,
    dueDate: inDays(4),
  });

  // The Inbox, oldest first: what the page shows newest first.
  await post("/api/tasks", {
    title: "Return the library books",
    completed: true,
    tags: ["errand"],
  });
  await post("/api/tasks", {
    title: "Water the plants",
    dueDate: inDays(0),
    recurrence: "FREQ=WEEKLY;BYDAY=MO,TH",
    tags: ["home"],
  });
  const trip = await post("/api/tasks", {
    title: "Plan the weekend trip",
    description: "Train on Friday evening, back on Sunday",
    dueDate: inDays(3),
    tags: ["travel", "family"],
  });
  await post("/api/tasks", { title: "Book the train", parentId: trip.id, completed: true });
  await post("/api/tasks", { title: "Reserve a hotel", parentId: trip.id });
  await post("/api/tasks", { title: "Pack the bags", parentId: trip.id });
  await post("/api/tasks", {
    title: "Call the dentist",
    priority: "high",
    dueDate: inDays(0),
    dueTime: "09:30",
    timeZone: TIME_ZONE,
    reminderMinutes: 15,
    tags: ["health"],
  });
}

async function capture(cookie) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: TIME_ZONE,
      locale: "en-US",
      colorScheme: "light",
      reducedMotion: "reduce",
    });
    await context.addCookies([
      ...cookie.map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name, value: value.join("="), url: webUrl };
      }),
      { name: "theme", value: "light", url: webUrl },
    ]);
    const page = await context.newPage();
    await page.goto(`${webUrl}/tasks`);
    await page.locator(".tasks-layout[data-hydrated]").waitFor();
    await page.getByRole("list", { name: "Tasks" }).getByText("Call the dentist").waitFor();
    // Today's and Upcoming's counts come from their own queries, after hydration.
    await page.waitForFunction(
      () => document.querySelectorAll(".view-nav .list-count").length === 2,
    );
    await page.screenshot({ path: OUTPUT, fullPage: true });
  } finally {
    await browser.close();
  }
}

const { dataDir, env } = scratchDeployment("todo-readme-screenshot-", webUrl, apiUrl);
const api = startApiServer(dataDir, "api", { ...env, PORT: String(API_PORT) }, { core: null });
try {
  await waitUntilUp(`${apiUrl}/healthz`, api.started);
  const web = startServer(
    dataDir,
    "web",
    ["apps/web/dist/server.js", "--port", String(WEB_PORT)],
    env,
    null,
  );
  try {
    await waitUntilUp(`${webUrl}/sign-in`, web.started);
    const cookie = await signUp();
    await seed(cookie);
    await capture(cookie);
  } finally {
    await stop(web.child);
  }
} finally {
  await stop(api.child);
  rmSync(dataDir, { recursive: true, force: true });
}
console.info(`${path.relative(ROOT, OUTPUT)} written`);

// Readable log lines for a person at a terminal. The services always write JSON lines (what a
// process manager or a log shipper reads); when `npm start` or `npm run dev` runs them in a
// terminal, each JSON line is shown as one short line instead. Anything else passes unchanged.
import { createInterface } from "node:readline";

const LEVELS = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
/** Members every line has, shown in the line's head or not at all. */
const HEAD = new Set(["level", "time", "pid", "hostname", "msg", "reqId"]);
const INLINE = new Set(["method", "path", "status", "ms"]);

function value(v) {
  if (typeof v === "string") return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One JSON log line as `12:00:01 api INFO request GET /api/tasks 200 3.1ms …`, or undefined. */
export function readableLine(name, text) {
  let line;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof line !== "object" || line === null || typeof line.level !== "number") return undefined;
  const time = new Date(typeof line.time === "number" ? line.time : Date.now());
  const clock = time.toTimeString().slice(0, 8);
  const level = LEVELS[line.level] ?? String(line.level);
  const parts = [clock, name, level.padEnd(5), line.msg ?? ""];
  // A request line's essentials follow the message, without their names.
  const { method, path, status, ms } = line;
  for (const part of [method, path, status]) if (part !== undefined) parts.push(String(part));
  if (ms !== undefined) parts.push(`${ms}ms`);
  for (const [key, v] of Object.entries(line)) {
    if (HEAD.has(key) || INLINE.has(key) || (key === "event" && v === "request")) continue;
    if (v === undefined || v === null) continue;
    if (key === "err" && typeof v === "object") {
      parts.push(`err=${value(v.message ?? v.type)}`);
      if (typeof v.stack === "string") parts.push(`\n${v.stack}`);
      continue;
    }
    parts.push(`${key}=${value(v)}`);
  }
  return parts.filter((part) => part !== "").join(" ");
}

/** Copies `stream` to stdout line by line, readable lines for JSON ones. */
export function printReadable(name, stream) {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (text) => {
    process.stdout.write(`${readableLine(name, text) ?? text}\n`);
  });
}

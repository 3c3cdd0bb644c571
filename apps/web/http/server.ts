// The web app's HTTP front: the only place that sees the TCP connection. It derives the client's
// address from the socket and TRUST_PROXY (the same rule as the API), hands it to the application in
// one header that it always overwrites, gives every request an id, and then lets Next.js answer.
// `next start` cannot do this: a route handler never sees the socket, and it keeps whatever
// X-Forwarded-For the client sent, which would let a client reset its own rate limits.
//
//   node apps/web/dist/server.js [--port 3000] [--host 127.0.0.1] [--dev]
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  CLIENT_ADDRESS_HEADER,
  ConfigError,
  clientAddress,
  proxyTrust,
  readInteger,
  readString,
  readTrustProxy,
} from "@todo/config";

const { values: flags } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    host: { type: "string" },
  },
});

const env = {
  ...process.env,
  PORT: flags.port ?? process.env.PORT,
  HOST: flags.host ?? process.env.HOST,
};
let settings: { port: number; host: string; trust: ReturnType<typeof proxyTrust> };
try {
  settings = {
    port: readInteger(env, "PORT", 3000, { min: 0, max: 65535 }),
    host: readString(env, "HOST") ?? "127.0.0.1",
    trust: proxyTrust(readTrustProxy(env)),
  };
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}

// Next.js reads NODE_ENV while it loads, so it is set before the import.
(process.env as Record<string, string | undefined>).NODE_ENV ??= flags.dev
  ? "development"
  : "production";
// `next` is CommonJS: its module.exports is the factory (the typings describe the ESM view).
const { default: next } = (await import("next")) as unknown as {
  default: typeof import("next/dist/server/next.js").default;
};

const server = createServer();
const app = next({
  dev: flags.dev,
  dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."),
  hostname: settings.host,
  port: settings.port,
  httpServer: server,
});
const handle = app.getRequestHandler();
await app.prepare();

/** Only this front decides these two headers; whatever the client sent under them is replaced. */
function stamp(request: IncomingMessage, response: ServerResponse): void {
  const requestId = randomUUID();
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(request, settings.trust);
  request.headers["x-request-id"] = requestId;
  response.setHeader("X-Request-Id", requestId);
}

server.on("request", (request, response) => {
  stamp(request, response);
  handle(request, response).catch((error: unknown) => {
    console.error("Request failed", error);
    if (!response.headersSent) {
      response.statusCode = 500;
      response.end("Internal Server Error");
    } else {
      response.destroy();
    }
  });
});

server.listen(settings.port, settings.host, () => {
  console.info(`Web app on http://${settings.host}:${settings.port}`);
});

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.info(`${signal}: finishing open requests, then stopping`);
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

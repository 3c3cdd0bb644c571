import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { bearerFor, newAccount, signUpWith } from "./support/fixtures";
import { API_PORT, API_URL, restartApi, restartWeb, WEB_PORT, WEB_URL } from "./support/services";

// Both services restart with metrics and traces on; each test here reads what they export.
test.describe.configure({ mode: "serial" });

const API_METRICS = `http://127.0.0.1:${API_PORT + 500}/metrics`;
const WEB_METRICS = `http://127.0.0.1:${WEB_PORT + 500}/metrics`;

interface ExportedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
}

/** A local OTLP/HTTP receiver (JSON encoding): every span it is sent, and each raw body. */
function otlpReceiver() {
  const spans: ExportedSpan[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      bodies.push(body);
      if (req.url === "/v1/traces") {
        type Value = { stringValue?: string; intValue?: string; boolValue?: boolean };
        const parsed = JSON.parse(body) as {
          resourceSpans: Array<{
            resource: { attributes: Array<{ key: string; value: Value }> };
            scopeSpans: Array<{
              spans: Array<{
                traceId: string;
                spanId: string;
                parentSpanId?: string;
                name: string;
                attributes?: Array<{ key: string; value: Value }>;
              }>;
            }>;
          }>;
        };
        for (const resource of parsed.resourceSpans) {
          const service = resource.resource.attributes.find((a) => a.key === "service.name");
          for (const scope of resource.scopeSpans) {
            for (const span of scope.spans) {
              spans.push({
                service: service?.value.stringValue ?? "",
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId ?? "",
                name: span.name,
                attributes: Object.fromEntries(
                  (span.attributes ?? []).map((a) => [
                    a.key,
                    a.value.stringValue ?? a.value.intValue ?? a.value.boolValue,
                  ]),
                ),
              });
            }
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return { server, spans, bodies };
}

const receiver = otlpReceiver();

function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] === name) found.set(match[2] ?? "", Number(match[3]));
  }
  return found;
}

test.beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
  const address = receiver.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const otel = {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "200",
    OTEL_METRICS_EXPORTER: "none",
    OTEL_LOGS_EXPORTER: "none",
  };
  await restartApi({ ...otel, METRICS_PORT: String(API_PORT + 500) });
  await restartWeb({ ...otel, METRICS_PORT: String(WEB_PORT + 500) });
});

test.afterAll(async () => {
  await restartApi();
  await restartWeb();
  await new Promise((resolve) => receiver.server.close(resolve));
});

test("both services export their metrics on their own loopback port", async () => {
  const context = await playwrightRequest.newContext();
  const account = await signUpWith(context, newAccount());
  const wrong = await context.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: { origin: WEB_URL },
    data: { email: account.email, password: "not the password at all" },
  });
  expect(wrong.status()).toBe(401);
  const right = await context.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: { origin: WEB_URL },
    data: { email: account.email, password: account.password },
  });
  expect(right.status()).toBe(200);
  const headers = await bearerFor(context);
  expect((await context.get(`${API_URL}/api/tasks`, { headers })).status()).toBe(200);
  expect((await context.get(`${API_URL}/api/tasks`)).status()).toBe(401);

  const web = await (await fetch(WEB_METRICS)).text();
  const signIns = samples(web, "todo_web_sign_ins_total");
  expect(signIns.get('{outcome="success"}')).toBeGreaterThanOrEqual(1);
  expect(signIns.get('{outcome="failure"}')).toBeGreaterThanOrEqual(1);
  const webDurations = samples(web, "http_server_request_duration_seconds_count");
  expect(
    webDurations.get(
      '{http_request_method="POST",http_route="/api/auth/*",http_response_status_code="401"}',
    ),
  ).toBeGreaterThanOrEqual(1);

  const api = await (await fetch(API_METRICS)).text();
  expect(
    samples(api, "http_server_request_duration_seconds_count").get(
      '{http_request_method="GET",http_route="/api/tasks",http_response_status_code="200"}',
    ),
  ).toBeGreaterThanOrEqual(1);
  expect(samples(api, "todo_api_refusals_total").get('{reason="token"}')).toBeGreaterThanOrEqual(1);
  expect(samples(api, "todo_api_revocations_last_refresh_age_seconds").get("")).toBeLessThan(10);
  // Nothing that identifies the user in either.
  for (const text of [web, api]) expect(text).not.toContain(account.email);
  // Not on the public ports.
  expect((await context.get(`${WEB_URL}/metrics`)).status()).toBe(404);
  expect((await context.get(`${API_URL}/metrics`, { headers })).status()).toBe(404);
  await context.dispose();
});

test("one trace follows a request through the web app and the API", async () => {
  const context = await playwrightRequest.newContext();
  await signUpWith(context, newAccount());
  // A caller that starts a trace (a gateway, an instrumented client) and sends it to both.
  const traceId = randomBytes(16).toString("hex");
  const traceparent = `00-${traceId}-${randomBytes(8).toString("hex")}-01`;
  const token = await context.get(`${WEB_URL}/api/auth/token?access_token=in-the-query`, {
    headers: { traceparent },
  });
  expect(token.status()).toBe(200);
  const { token: accessToken } = (await token.json()) as { token: string };
  const tasks = await context.get(`${API_URL}/api/tasks?q=in-the-query`, {
    headers: { traceparent, authorization: `Bearer ${accessToken}` },
  });
  expect(tasks.status()).toBe(200);

  await expect
    .poll(
      () => new Set(receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.service)),
      {
        timeout: 15_000,
      },
    )
    .toEqual(new Set(["todo-web", "todo-api"]));
  await expect
    .poll(() => receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.name), {
      timeout: 10_000,
    })
    .toEqual(expect.arrayContaining(["GET /api/auth/*", "GET /api/tasks", "token check"]));
  const spans = receiver.spans.filter((s) => s.traceId === traceId);
  const apiRequest = spans.find((s) => s.service === "todo-api" && s.name === "GET /api/tasks");
  expect(apiRequest?.attributes).toMatchObject({
    "http.route": "/api/tasks",
    "http.response.status_code": 200,
    "url.path": "/api/tasks",
  });
  // Its parent is the caller's span: the API continued the trace it was sent.
  expect(apiRequest?.parentSpanId).toBe(traceparent.split("-")[2]);
  const check = spans.find((s) => s.name === "token check");
  expect(check?.attributes["todo.token.outcome"]).toBe("valid");
  expect(check?.parentSpanId).not.toBe("");

  if (process.env.E2E_DATABASE === "postgres") {
    // On PostgreSQL, the list query; with Redis, the rate-limit counters' commands.
    await expect
      .poll(() =>
        receiver.spans
          .filter((s) => s.traceId === traceId && s.service === "todo-api")
          .map((s) => String(s.attributes["db.system.name"] ?? s.attributes["db.system"] ?? "")),
      )
      .toEqual(expect.arrayContaining(["postgresql", "redis"]));
  }

  // No token, cookie or query string anywhere in what was exported.
  const cookies = (await context.storageState()).cookies.map((cookie) => cookie.value);
  const exported = receiver.bodies.join("\n");
  for (const secret of [accessToken, ...cookies.filter((value) => value.length > 8)]) {
    expect(exported).not.toContain(secret);
  }
  expect(exported).not.toContain("in-the-query");
  expect(exported.toLowerCase()).not.toContain("bearer");
  await context.dispose();
});

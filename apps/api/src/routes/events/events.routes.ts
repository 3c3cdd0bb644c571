import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { principalOf } from "../../infra/authenticate.js";
import type { ChangeFeed } from "../../infra/changes/changes.js";
import { HttpProblem } from "../../infra/problem.js";
import { addressKey } from "../../infra/rate-limit.js";
import { logRequest, logsItsOwnLine } from "../../infra/request-log.js";
import { methodNotAllowed, problemResponses } from "../../infra/route-helpers.js";
import { EventStream } from "./event-stream.js";

export interface EventRoutesOptions {
  readonly feed: ChangeFeed;
}

/** What SSE needs beside the security and CORS headers every response already carries. */
const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  // nginx and similar proxies would otherwise buffer the stream and deliver nothing live.
  "x-accel-buffering": "no",
} as const;

const DESCRIPTION = `Server-Sent Events of the caller's own changes: \`task.created\`, \`task.updated\` (data: the task, as the task routes return it) and \`task.deleted\` (data: \`{ id }\`); \`list.created\`, \`list.updated\` (data: the list, as the list routes return it) and \`list.deleted\` (data: \`{ id }\`; its tasks went with it, without an event each). Authenticate with the Authorization header on a streaming fetch, never a token in the URL.

Every event has an id. Send the last one seen as \`Last-Event-ID\` when reconnecting: the events missed follow, then \`ready\`. A fresh stream starts with \`ready\`; an id that is malformed, unknown or too old gets \`reload\` (load afresh, then follow). The stream ends when the token expires or its session is revoked; reconnect with a fresh token. Comment lines are heartbeats.`;

/** `GET /api/events` (docs/decisions/0015-live-sync-events.md). */
export const eventRoutes: FastifyPluginAsync<EventRoutesOptions> = async (app, { feed }) => {
  app.get(
    "/api/events",
    {
      schema: {
        tags: ["events"],
        summary: "Follow your changes live (Server-Sent Events)",
        description: DESCRIPTION,
        security: [{ bearerAuth: [] }],
        response: {
          200: z.string().describe("text/event-stream"),
          ...problemResponses(401, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const startedAt = performance.now();
      const stream: EventStream = new EventStream({
        res: reply.raw,
        principal,
        address: addressKey(request.ip),
        store: feed.store,
        onEnd: (reason, sent) => {
          feed.hub.remove(stream);
          // A stream that never began was answered (and logged) as an ordinary response.
          if (sent >= 0) {
            logRequest(request, 200, performance.now() - startedAt, { stream: reason, sent });
          }
        },
      });
      if (!feed.hub.add(stream)) {
        request.log.warn({ event: "events.limit" }, "too many event streams");
        throw new HttpProblem(
          429,
          "TOO_MANY_STREAMS",
          "Too many open event streams for this account or address; close one first.",
          { headers: { "retry-after": "30" } },
        );
      }
      let opening: Awaited<ReturnType<EventStream["prepare"]>>;
      try {
        opening = await stream.prepare(request.headers["last-event-id"]);
      } catch (error) {
        stream.end("error");
        request.log.error({ err: error, event: "events.unavailable" }, "event store unreachable");
        throw new HttpProblem(503, "EVENTS_UNAVAILABLE", "Live updates are unavailable; retry.", {
          headers: { "retry-after": "5" },
        });
      }
      if (request.raw.destroyed) {
        stream.end("client");
        return reply.hijack();
      }
      logsItsOwnLine(request);
      reply.hijack();
      // Hijacked, so Fastify sends nothing: the headers the hooks set (security, CORS) go here.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) reply.raw.setHeader(name, value);
      }
      reply.raw.writeHead(200, STREAM_HEADERS);
      stream.begin(opening);
    },
  );

  methodNotAllowed(app, "/api/events", ["GET"]);
};

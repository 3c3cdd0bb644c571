import { problemResponses } from "@todo/contract/problems";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { principalOf, REVOKED, refusalProblem } from "../../infra/authenticate.js";
import type { ChangeFeed } from "../../infra/changes/changes.js";
import { HttpProblem } from "../../infra/problem.js";
import { addressKey } from "../../infra/rate-limit.js";
import { logRequest, logsItsOwnLine } from "../../infra/request-log.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
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
      // A stream lives as long as its token: a revocation that arrived since the front door
      // checked it (during a limit's round trip) refuses the stream, as it would have then.
      const revoked = () =>
        app.revocations.isRevoked(principal.sessionId, principal.userId, principal.issuedAt);
      if (revoked()) throw refusalProblem(request, REVOKED);
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
        throw new HttpProblem("TOO_MANY_STREAMS");
      }
      let opening: Awaited<ReturnType<EventStream["prepare"]>>;
      try {
        opening = await stream.prepare(request.headers["last-event-id"]);
      } catch (error) {
        stream.end("error");
        request.log.error({ err: error, event: "events.unavailable" }, "event store unreachable");
        throw new HttpProblem("EVENTS_UNAVAILABLE");
      }
      if (request.raw.destroyed) {
        stream.end("client");
        return reply.hijack();
      }
      // Ended while it was opening (revoked, or the server stopping): the hub has dropped it
      // already, so it is answered instead of beginning outside the hub, uncounted and with no
      // expiry.
      if (stream.endReason === "revoked") throw refusalProblem(request, REVOKED);
      if (stream.ended) throw new HttpProblem("EVENTS_UNAVAILABLE");
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

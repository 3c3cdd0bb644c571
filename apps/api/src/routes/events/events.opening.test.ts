import { randomUUID } from "node:crypto";
import { sessionRevocation } from "@todo/db/revocations";
import Fastify, { type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { afterEach, describe, expect, it } from "vitest";
import type { Principal } from "../../infra/authenticate.js";
import type { ChangeFeed } from "../../infra/changes/changes.js";
import { createMemoryEventStore, type EventStore } from "../../infra/changes/event-store.js";
import { createStreamHub, type StreamHub } from "../../infra/changes/stream-hub.js";
import { registerErrorHandler } from "../../infra/error-handler.js";
import type { RevocationSet } from "../../infra/revocations.js";
import { serializerCompiler } from "../../infra/serializer.js";
import { listenOnLoopback } from "../../test/event-client.js";
import { eventRoutes } from "./events.routes.js";

const principal: Principal = {
  userId: randomUUID(),
  email: null,
  name: null,
  sessionId: randomUUID(),
  issuedAt: Math.floor(Date.now() / 1000),
  expiresAt: new Date(Date.now() + 600_000),
};

/**
 * The events route alone, behind a stand-in for the front door that has already passed the
 * request: what happens when a revocation lands while the stream is being opened.
 */
async function eventsApp(options: {
  readonly revokedAtRoute: boolean;
  readonly onHead: (hub: StreamHub) => void;
}): Promise<{ app: FastifyInstance; hub: StreamHub }> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.decorate("revocations", {
    isRevoked: () => options.revokedAtRoute,
  } as unknown as RevocationSet);
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    request.principal = principal;
  });
  const memory = createMemoryEventStore({ history: 10 });
  const hub = createStreamHub({
    store: memory,
    limits: { perUser: 5, perAddress: 5 },
    heartbeatMs: 60_000,
  });
  const store: EventStore = {
    ...memory,
    async head(userId) {
      options.onHead(hub);
      return memory.head(userId);
    },
  };
  const feed = { store, hub } as unknown as ChangeFeed;
  await app.register(eventRoutes, { feed });
  return { app, hub };
}

describe("GET /api/events while a revocation arrives", () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it("answers 401 when the session was revoked while the stream was opening, and holds nothing", async () => {
    const built = await eventsApp({
      revokedAtRoute: false,
      onHead: (hub) => hub.revoke(sessionRevocation(principal.sessionId)),
    });
    app = built.app;
    const response = await fetch(`${await listenOnLoopback(app)}/api/events`, {
      signal: AbortSignal.timeout(3000),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(built.hub.count(principal.userId)).toBe(0);
  });

  it("answers 401 when the session was revoked after the front door checked the token", async () => {
    let opened = false;
    const built = await eventsApp({
      revokedAtRoute: true,
      onHead: () => {
        opened = true;
      },
    });
    app = built.app;
    const response = await fetch(`${await listenOnLoopback(app)}/api/events`, {
      signal: AbortSignal.timeout(3000),
    });
    expect(response.status).toBe(401);
    expect(opened).toBe(false);
    expect(built.hub.count(principal.userId)).toBe(0);
  });
});

import {
  CreateListSchema,
  ListIdParamsSchema,
  ListPageSchema,
  ListSchema,
  ListsQuerySchema,
  UpdateListSchema,
} from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import { isForeignKeyViolation } from "@todo/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { principalOf, userGone } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import { monotonicNow } from "../tasks/clock.js";
import { forbiddenForRole, type ListAudience } from "./list-audience.js";
import type { ListQueries } from "./lists.queries.js";
import { refuseList } from "./lists.refuse.js";

export interface ListRoutesOptions {
  readonly queries: ListQueries;
  readonly audience: ListAudience;
  readonly maxListsPerUser: number;
}

const SECURITY = [{ bearerAuth: [] }];
const TAGS = ["lists"];

/**
 * The user's lists (docs/decisions/0013-lists-inbox-and-composite-keys.md). The Inbox can be
 * renamed and moved like any list, but not deleted (409 INBOX_NOT_DELETABLE).
 */
export const listRoutes: FastifyPluginAsyncZod<ListRoutesOptions> = async (app, options) => {
  const { queries, audience, maxListsPerUser } = options;

  app.get(
    "/api/lists",
    {
      schema: {
        tags: TAGS,
        summary: "List your lists and the lists shared with you, with your role and their counts",
        description:
          "Your own lists in your order, then the lists shared with you. Pass `nextCursor` back as `cursor` for the next page.",
        security: SECURITY,
        querystring: ListsQuerySchema,
        response: { 200: ListPageSchema, ...problemResponses(400, 401, 429, 503) },
      },
    },
    async (request) => queries.page(principalOf(request).userId, request.query),
  );

  app.post(
    "/api/lists",
    {
      schema: {
        tags: TAGS,
        summary: "Create a list (it goes last)",
        security: SECURITY,
        body: CreateListSchema,
        response: { 201: ListSchema, ...problemResponses(400, 401, 409, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      let list: Awaited<ReturnType<typeof queries.create>>;
      try {
        list = await queries.create(userId, request.body, monotonicNow(), maxListsPerUser);
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        throw userGone(request);
      }
      if (!list) {
        throw new HttpProblem("LIST_LIMIT_REACHED", {
          detail: `You have reached the limit of ${maxListsPerUser} lists; delete one first.`,
        });
      }
      await app.changes.publish(userId, { type: "list.created", data: list });
      return reply.code(201).header("location", `/api/lists/${list.id}`).send(list);
    },
  );

  app.get(
    "/api/lists/:id",
    {
      schema: {
        tags: TAGS,
        summary: "Get one of your lists",
        security: SECURITY,
        params: ListIdParamsSchema,
        response: { 200: ListSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const list = await queries.find(principalOf(request).userId, request.params.id);
      return list ?? refuseList(request, queries.ownerOf, request.params.id);
    },
  );

  app.patch(
    "/api/lists/:id",
    {
      schema: {
        tags: TAGS,
        summary: "Rename or reorder one of your lists",
        description:
          "Owner only. `position` puts the list at that place among yours (from 0); the others shift. The Inbox may be renamed and moved too.",
        security: SECURITY,
        params: ListIdParamsSchema,
        body: UpdateListSchema,
        response: {
          200: ListSchema,
          ...problemResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const list = await queries.update(userId, request.params.id, request.body, monotonicNow());
      if (!list) return refuseList(request, queries.ownerOf, request.params.id);
      if (list === "forbidden") throw forbiddenForRole();
      await audience.publishList(app.changes, "list.updated", list);
      return list;
    },
  );

  app.delete(
    "/api/lists/:id",
    {
      schema: {
        tags: TAGS,
        summary: "Delete one of your lists and every task in it",
        description:
          "Owner only. The Inbox cannot be deleted (409 INBOX_NOT_DELETABLE). Its members lose it with it.",
        security: SECURITY,
        params: ListIdParamsSchema,
        response: {
          204: z.undefined().describe("Deleted, with its tasks"),
          ...problemResponses(400, 401, 403, 404, 409, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      // Everyone who saw the list hears it is gone; after the deletion the database knows no one.
      const recipients = await audience.of(request.params.id);
      const outcome = await queries.remove(userId, request.params.id, monotonicNow());
      if (outcome === "not-found") return refuseList(request, queries.ownerOf, request.params.id);
      if (outcome === "forbidden") throw forbiddenForRole();
      if (outcome === "inbox") {
        throw new HttpProblem("INBOX_NOT_DELETABLE");
      }
      const event = { type: "list.deleted", data: { id: request.params.id } } as const;
      await Promise.all(recipients.map((r) => app.changes.publish(r.userId, event)));
      return reply.code(204).send();
    },
  );

  methodNotAllowed(app, "/api/lists", ["GET", "POST"]);
  methodNotAllowed(app, "/api/lists/:id", ["GET", "PATCH", "DELETE"]);
};

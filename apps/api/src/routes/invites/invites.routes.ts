import {
  CreatedInviteSchema,
  CreateInviteSchema,
  InviteListSchema,
  InviteParamsSchema,
  ListIdParamsSchema,
} from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { principalOf } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import { forbiddenForRole } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { refuseList } from "../lists/lists.refuse.js";
import type { InviteQueries, InviteRefusal } from "./invites.queries.js";

export interface InviteRoutesOptions {
  readonly queries: InviteQueries;
  readonly lists: Pick<ListQueries, "ownerOf">;
  readonly maxInvitesPerList: number;
}

const SECURITY = [{ bearerAuth: [] }];
const TAGS = ["sharing"];

/** A refusal of an owner-only invite action, as its problem answer. */
function refuse(
  request: FastifyRequest,
  lists: InviteRoutesOptions["lists"],
  listId: string,
  refusal: InviteRefusal,
  maxInvites: number,
): Promise<never> {
  switch (refusal) {
    case "not-found":
      return refuseList(request, lists.ownerOf, listId);
    case "forbidden":
      request.log.warn(
        { event: "authz.forbidden", listId, userId: request.principal?.userId },
        "invite action by a member",
      );
      throw forbiddenForRole();
    case "inbox":
      throw new HttpProblem("INBOX_NOT_SHAREABLE");
    case "limit":
      throw new HttpProblem("INVITE_LIMIT_REACHED", {
        detail: `This list already has ${maxInvites} pending invites; revoke one first.`,
      });
  }
}

/**
 * The owner's side of invites (docs/decisions/0024-list-sharing-and-invite-codes.md): create a
 * code for a role (shown once), see the pending ones (never their codes), revoke one.
 */
export const inviteRoutes: FastifyPluginAsyncZod<InviteRoutesOptions> = async (app, options) => {
  const { queries, lists, maxInvitesPerList } = options;

  app.post(
    "/api/lists/:id/invites",
    {
      schema: {
        tags: TAGS,
        summary: "Create an invite code for one of your lists (owner only)",
        description: `The code is in this answer only: it is stored as a hash. Single use, valid for 7 days, revocable. The Inbox cannot be shared (409 INBOX_NOT_SHAREABLE); at most ${maxInvitesPerList} pending invites per list (409 INVITE_LIMIT_REACHED).`,
        security: SECURITY,
        params: ListIdParamsSchema,
        body: CreateInviteSchema,
        response: {
          201: CreatedInviteSchema,
          ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const listId = request.params.id;
      const role = request.body.role;
      const made = await queries.create(userId, listId, role, new Date(), maxInvitesPerList);
      if (typeof made === "string") {
        return refuse(request, lists, listId, made, maxInvitesPerList);
      }
      request.log.info(
        { event: "invite.created", listId, inviteId: made.id, role, userId },
        "invite created",
      );
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/api/lists/:id/invites",
    {
      schema: {
        tags: TAGS,
        summary: "List the pending invites of one of your lists (owner only), without codes",
        security: SECURITY,
        params: ListIdParamsSchema,
        response: { 200: InviteListSchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => {
      const listId = request.params.id;
      const items = await queries.pending(principalOf(request).userId, listId, new Date());
      if (typeof items === "string") {
        return refuse(request, lists, listId, items, maxInvitesPerList);
      }
      return { items };
    },
  );

  app.delete(
    "/api/lists/:id/invites/:inviteId",
    {
      schema: {
        tags: TAGS,
        summary: "Revoke a pending invite (owner only)",
        description: "An invite already used, revoked or expired answers 404 INVITE_NOT_FOUND.",
        security: SECURITY,
        params: InviteParamsSchema,
        response: {
          204: z.undefined().describe("Revoked: the code no longer works"),
          ...problemResponses(400, 401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const { id: listId, inviteId } = request.params;
      const outcome = await queries.revoke(userId, listId, inviteId, new Date());
      if (outcome === "invite-not-found") {
        throw new HttpProblem("INVITE_NOT_FOUND", { detail: "No pending invite with this id." });
      }
      if (outcome !== "revoked") return refuse(request, lists, listId, outcome, maxInvitesPerList);
      request.log.info({ event: "invite.revoked", listId, inviteId, userId }, "invite revoked");
      return reply.code(204).send();
    },
  );

  methodNotAllowed(app, "/api/lists/:id/invites", ["GET", "POST"]);
  methodNotAllowed(app, "/api/lists/:id/invites/:inviteId", ["DELETE"]);
};

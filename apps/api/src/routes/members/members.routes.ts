import {
  ListIdParamsSchema,
  MemberListSchema,
  MemberParamsSchema,
  UpdateMemberSchema,
} from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { principalOf } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import { forbiddenForRole, type ListAudience } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { refuseList } from "../lists/lists.refuse.js";
import type { MemberQueries, MemberRefusal } from "./members.queries.js";
import { publishMembership } from "./membership-events.js";

export interface MemberRoutesOptions {
  readonly queries: MemberQueries;
  readonly lists: Pick<ListQueries, "ownerOf" | "find">;
  readonly audience: ListAudience;
}

const SECURITY = [{ bearerAuth: [] }];
const TAGS = ["sharing"];

function refuse(
  request: FastifyRequest,
  lists: MemberRoutesOptions["lists"],
  listId: string,
  refusal: MemberRefusal,
): Promise<never> {
  if (refusal === "not-found") return refuseList(request, lists.ownerOf, listId);
  if (refusal === "forbidden") {
    request.log.warn(
      { event: "authz.forbidden", listId, userId: request.principal?.userId },
      "members action beyond the caller's role",
    );
    throw forbiddenForRole();
  }
  throw new HttpProblem("MEMBER_NOT_FOUND");
}

/** Who shares a list, and the owner's say over it (docs/decisions/0024). */
export const memberRoutes: FastifyPluginAsyncZod<MemberRoutesOptions> = async (app, options) => {
  const { queries, lists, audience } = options;

  app.get(
    "/api/lists/:id/members",
    {
      schema: {
        tags: TAGS,
        summary: "Who shares a list: its owner (role `owner`) first, then its members",
        security: SECURITY,
        params: ListIdParamsSchema,
        response: { 200: MemberListSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const listId = request.params.id;
      const items = await queries.list(principalOf(request).userId, listId);
      if (items === "not-found") return refuseList(request, lists.ownerOf, listId);
      return { items };
    },
  );

  app.patch(
    "/api/lists/:id/members/:userId",
    {
      schema: {
        tags: TAGS,
        summary: "Change a member's role (owner only)",
        security: SECURITY,
        params: MemberParamsSchema,
        body: UpdateMemberSchema,
        response: {
          204: z.undefined().describe("Changed; the member's next request has the new role"),
          ...problemResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const { id: listId, userId: memberId } = request.params;
      const { role } = request.body;
      const outcome = await queries.setRole(userId, listId, memberId, role);
      if (outcome !== "changed") return refuse(request, lists, listId, outcome);
      request.log.info(
        { event: "member.role_changed", listId, memberId, role, userId },
        "member role changed",
      );
      await publishMembership(app.changes, audience, lists, { listId });
      return reply.code(204).send();
    },
  );

  app.delete(
    "/api/lists/:id/members/:userId",
    {
      schema: {
        tags: TAGS,
        summary: "Remove a member (owner), or leave a list (a member naming itself)",
        description:
          "Takes effect on the very next request: the list and its tasks answer 404 to the removed member, and its open event streams receive `list.deleted` for the list and nothing of it after.",
        security: SECURITY,
        params: MemberParamsSchema,
        response: {
          204: z.undefined().describe("Removed"),
          ...problemResponses(400, 401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const { id: listId, userId: memberId } = request.params;
      const outcome = await queries.remove(userId, listId, memberId);
      if (outcome !== "removed" && outcome !== "left") {
        return refuse(request, lists, listId, outcome);
      }
      const event = outcome === "left" ? "member.left" : "member.removed";
      request.log.info({ event, listId, memberId, userId }, event.replace(".", " "));
      await publishMembership(app.changes, audience, lists, { listId, gone: memberId });
      return reply.code(204).send();
    },
  );

  methodNotAllowed(app, "/api/lists/:id/members", ["GET"]);
  methodNotAllowed(app, "/api/lists/:id/members/:userId", ["PATCH", "DELETE"]);
};

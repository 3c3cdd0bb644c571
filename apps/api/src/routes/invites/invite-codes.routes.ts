import { AcceptedInviteSchema, InviteCodeParamsSchema, InvitePreviewSchema } from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { principalOf } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import type { ListAudience } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { publishMembership } from "../members/membership-events.js";
import type { CodeAttempts } from "./code-attempts.js";
import { isInviteCode } from "./invite-code.js";
import type { InviteQueries } from "./invites.queries.js";

export interface InviteCodeRoutesOptions {
  readonly queries: InviteQueries;
  readonly lists: Pick<ListQueries, "find">;
  readonly audience: ListAudience;
  readonly attempts: CodeAttempts;
  readonly maxMembersPerList: number;
}

const SECURITY = [{ bearerAuth: [] }];
const TAGS = ["sharing"];

/**
 * Unknown, malformed, used, revoked and expired codes: one answer, byte for byte. The code is
 * never logged (it is a capability); the request log shows its path with the code redacted.
 */
function unknownCode(request: FastifyRequest): never {
  request.log.info(
    { event: "invite.unknown_code", userId: request.principal?.userId },
    "no live invite with this code",
  );
  throw new HttpProblem("INVITE_NOT_FOUND");
}

/** The invitee's side: see what a code joins, then accept it. */
export const inviteCodeRoutes: FastifyPluginAsyncZod<InviteCodeRoutesOptions> = async (
  app,
  options,
) => {
  const { queries, lists, audience, attempts, maxMembersPerList } = options;

  app.get(
    "/api/invites/:code",
    {
      schema: {
        tags: TAGS,
        summary: "See what an invite code joins, before accepting it",
        description:
          "Unknown, used, revoked and expired codes all answer the same 404. Requests naming a code are limited per user and per address (429).",
        security: SECURITY,
        params: InviteCodeParamsSchema,
        response: { 200: InvitePreviewSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      await attempts.check(userId, request.ip);
      const { code } = request.params;
      const preview = isInviteCode(code) ? await queries.preview(code, new Date()) : undefined;
      return preview ?? unknownCode(request);
    },
  );

  app.post(
    "/api/invites/:code/accept",
    {
      schema: {
        tags: TAGS,
        summary: "Accept an invite code: join its list with its role",
        description:
          "Single use: of two accepts of one code exactly one succeeds. 409 ALREADY_MEMBER when you already see the list (the code stays unused); 409 MEMBER_LIMIT_REACHED when the list is full.",
        security: SECURITY,
        params: InviteCodeParamsSchema,
        response: {
          201: AcceptedInviteSchema,
          ...problemResponses(400, 401, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      await attempts.check(userId, request.ip);
      const { code } = request.params;
      if (!isInviteCode(code)) return unknownCode(request);
      const outcome = await queries.accept(userId, code, new Date(), maxMembersPerList);
      if (outcome === "not-found") return unknownCode(request);
      if (outcome === "already-member") {
        throw new HttpProblem("ALREADY_MEMBER");
      }
      if (outcome === "limit") {
        throw new HttpProblem("MEMBER_LIMIT_REACHED", {
          detail: `This list already has ${maxMembersPerList} members.`,
        });
      }
      const { listId, role, inviteId } = outcome;
      request.log.info(
        { event: "invite.accepted", listId, inviteId, role, userId },
        "invite accepted",
      );
      await publishMembership(app.changes, audience, lists, { listId, joined: userId });
      return reply.code(201).send({ listId, role });
    },
  );

  methodNotAllowed(app, "/api/invites/:code", ["GET"]);
  methodNotAllowed(app, "/api/invites/:code/accept", ["POST"]);
};

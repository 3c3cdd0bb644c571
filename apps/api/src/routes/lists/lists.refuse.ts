import type { FastifyRequest } from "fastify";
import { listNotFound } from "./lists.mapper.js";

/**
 * The answer is the same 404 whether the list is missing or someone else's, named in the path or
 * as a task's listId; the audit log tells the two apart (ASVS 16.3.2, OWASP API1:2023). The owner
 * lookup runs in both cases, so timing reveals nothing either.
 */
export async function refuseList(
  request: FastifyRequest,
  ownerOf: (id: string) => Promise<string | undefined>,
  id: string,
): Promise<never> {
  const owner = await ownerOf(id);
  const userId = request.principal?.userId;
  if (owner !== undefined && owner !== userId) {
    request.log.warn(
      { event: "authz.denied", listId: id, userId, method: request.method },
      "attempt on another user's list",
    );
  } else {
    request.log.info({ event: "list.not_found", listId: id, userId }, "no such list");
  }
  throw listNotFound();
}

import type { FastifyRequest } from "fastify";
import { userGone } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { forbiddenForRole } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { refuseList } from "../lists/lists.refuse.js";
import type { TaskQueries, TaskRefusal } from "./tasks.queries.js";

function taskNotFound(): HttpProblem {
  // The same bytes whether the task never existed or belongs to another user.
  return new HttpProblem("TASK_NOT_FOUND");
}

/**
 * The answer is the same 404 either way; the audit log tells the two apart (ASVS 16.3.2,
 * OWASP API1:2023). The owner lookup runs in both cases, so timing reveals nothing either.
 */
export async function refuseTask(
  request: FastifyRequest,
  queries: Pick<TaskQueries, "ownerOf">,
  id: string,
): Promise<never> {
  const owner = await queries.ownerOf(id);
  const userId = request.principal?.userId;
  if (owner !== undefined && owner !== userId) {
    request.log.warn(
      { event: "authz.denied", taskId: id, userId, method: request.method },
      "attempt on another user's task",
    );
  } else {
    request.log.info({ event: "task.not_found", taskId: id, userId }, "no such task");
  }
  throw taskNotFound();
}

export interface WriteRefusalContext {
  readonly queries: Pick<TaskQueries, "ownerOf">;
  readonly lists: Pick<ListQueries, "ownerOf">;
  readonly maxTasksPerUser: number;
  readonly listId: string | undefined;
  readonly parentId: string | null | undefined;
  readonly anchorId: string | undefined;
}

/** Every reason a create or update did not happen, as its catalogued answer. */
export async function refuseWrite(
  request: FastifyRequest,
  refusal: TaskRefusal,
  context: WriteRefusalContext,
): Promise<never> {
  switch (refusal) {
    case "user-gone":
      throw userGone(request);
    case "list-not-found":
      return refuseList(request, context.lists.ownerOf, context.listId ?? "");
    // Another user's task as a parent is the same 404 as a missing one.
    case "parent-not-found":
      return refuseTask(request, context.queries, context.parentId ?? "");
    case "forbidden":
      throw forbiddenForRole();
    case "limit":
      throw new HttpProblem("TASK_LIMIT_REACHED", {
        detail: `The list's owner has reached the limit of ${context.maxTasksPerUser} tasks; delete some first.`,
      });
    case "subtask-too-deep":
      throw new HttpProblem("SUBTASK_TOO_DEEP");
    case "subtask-other-list":
      throw new HttpProblem("SUBTASK_OTHER_LIST");
    case "recurrence-needs-due":
      throw new HttpProblem("RECURRENCE_NEEDS_DUE_DATE");
    case "due-time-incomplete":
      throw new HttpProblem("DUE_TIME_INCOMPLETE");
    case "anchor-not-found":
      return refuseTask(request, context.queries, context.anchorId ?? "");
    case "anchor-is-self":
    case "anchor-other-list":
      throw new HttpProblem("POSITION_ANCHOR_INVALID");
  }
}

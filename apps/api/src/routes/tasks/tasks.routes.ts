import {
  CreateTaskSchema,
  ListTasksQuerySchema,
  TaskIdParamsSchema,
  TaskPageSchema,
  TaskSchema,
  UpdateTaskSchema,
} from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import { isForeignKeyViolation } from "@todo/db";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { principalOf, userGone } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import { forbiddenForRole, type ListAudience } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { refuseList } from "../lists/lists.refuse.js";
import { monotonicNow } from "./clock.js";
import type { TaskQueries } from "./tasks.queries.js";

export interface TaskRoutesOptions {
  readonly queries: TaskQueries;
  /** For a `listId` the caller cannot see: its owner, for the audit log only. */
  readonly lists: Pick<ListQueries, "ownerOf" | "access">;
  /** Who hears of a change to a list's tasks: its owner and members. */
  readonly audience: ListAudience;
  readonly maxTasksPerUser: number;
}

const SECURITY = [{ bearerAuth: [] }];

function taskNotFound(): HttpProblem {
  // The same bytes whether the task never existed or belongs to another user.
  return new HttpProblem("TASK_NOT_FOUND");
}

/**
 * The answer is the same 404 either way; the audit log tells the two apart (ASVS 16.3.2,
 * OWASP API1:2023). The owner lookup runs in both cases, so timing reveals nothing either.
 */
async function refuse(request: FastifyRequest, queries: TaskQueries, id: string): Promise<never> {
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

export const taskRoutes: FastifyPluginAsyncZod<TaskRoutesOptions> = async (app, options) => {
  const { queries, lists, audience, maxTasksPerUser } = options;
  const limitReached = () =>
    new HttpProblem("TASK_LIMIT_REACHED", {
      detail: `The list's owner has reached the limit of ${maxTasksPerUser} tasks; delete some first.`,
    });

  app.get(
    "/api/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "List the tasks of your lists and of lists shared with you",
        description:
          "Filters, search, sort and cursor pagination. Pass `nextCursor` back as `cursor`, with the same sort and order, for the next page.",
        security: SECURITY,
        querystring: ListTasksQuerySchema,
        response: { 200: TaskPageSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const page = await queries.list(userId, request.query);
      // A list the caller cannot see has no tasks for them: only an empty page needs a look.
      const { listId } = request.query;
      if (listId && page.items.length === 0 && !(await lists.access(userId, listId))) {
        return refuseList(request, lists.ownerOf, listId);
      }
      return page;
    },
  );

  app.post(
    "/api/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "Create a task",
        security: SECURITY,
        body: CreateTaskSchema,
        response: {
          201: TaskSchema,
          ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      let task: Awaited<ReturnType<typeof queries.create>>;
      try {
        task = await queries.create(userId, request.body, monotonicNow(), maxTasksPerUser);
      } catch (error) {
        if (isForeignKeyViolation(error)) task = "user-gone";
        else throw error;
      }
      if (task === "user-gone") throw userGone(request);
      if (task === "list-not-found") {
        return refuseList(request, lists.ownerOf, request.body.listId ?? "");
      }
      if (task === "forbidden") throw forbiddenForRole();
      if (task === "limit") throw limitReached();
      await audience.publish(app.changes, task.listId, { type: "task.created", data: task });
      return reply.code(201).header("location", `/api/tasks/${task.id}`).send(task);
    },
  );

  app.get(
    "/api/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Get one of your tasks",
        security: SECURITY,
        params: TaskIdParamsSchema,
        response: { 200: TaskSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const task = await queries.find(principalOf(request).userId, request.params.id);
      return task ?? refuse(request, queries, request.params.id);
    },
  );

  app.patch(
    "/api/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Change some fields of one of your tasks",
        description:
          "Only the fields given change. `completed` stamps or clears `completedAt`; `listId` moves the task to another list. Needs edit rights (owner or editor) on the task's list and on the list it moves to.",
        security: SECURITY,
        params: TaskIdParamsSchema,
        body: UpdateTaskSchema,
        response: {
          200: TaskSchema,
          ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const written = await queries.update(
        userId,
        request.params.id,
        request.body,
        monotonicNow(),
        maxTasksPerUser,
      );
      if (written === "list-not-found") {
        return refuseList(request, lists.ownerOf, request.body.listId ?? "");
      }
      if (written === "forbidden") throw forbiddenForRole();
      if (written === "limit") throw limitReached();
      if (!written || written === "user-gone") return refuse(request, queries, request.params.id);
      const { task, previousListId } = written;
      await audience.publish(app.changes, task.listId, { type: "task.updated", data: task });
      if (previousListId !== task.listId) {
        // Those who saw it where it was, and cannot see where it went, see it go.
        const seeing = new Set((await audience.of(task.listId)).map((r) => r.userId));
        const gone = (await audience.of(previousListId)).filter((r) => !seeing.has(r.userId));
        const event = { type: "task.deleted", data: { id: task.id } } as const;
        await Promise.all(gone.map((r) => app.changes.publish(r.userId, event)));
      }
      return task;
    },
  );

  app.delete(
    "/api/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Delete one of your tasks",
        security: SECURITY,
        params: TaskIdParamsSchema,
        response: {
          204: z.undefined().describe("Deleted"),
          ...problemResponses(400, 401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const removed = await queries.remove(userId, request.params.id);
      if (removed === "forbidden") throw forbiddenForRole();
      if (!removed) return refuse(request, queries, request.params.id);
      await audience.publish(app.changes, removed.listId, {
        type: "task.deleted",
        data: { id: request.params.id },
      });
      return reply.code(204).send();
    },
  );

  methodNotAllowed(app, "/api/tasks", ["GET", "POST"]);
  methodNotAllowed(app, "/api/tasks/:id", ["GET", "PATCH", "DELETE"]);
};

import { isForeignKeyViolation } from "@todo/db";
import {
  CreateTaskSchema,
  ListTasksQuerySchema,
  TaskIdParamsSchema,
  TaskPageSchema,
  TaskSchema,
  UpdateTaskSchema,
} from "@todo/tasks";
import { problemResponses } from "@todo/tasks/problems";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { principalOf, userGone } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { refuseList } from "../lists/lists.refuse.js";
import { monotonicNow } from "./clock.js";
import type { TaskQueries } from "./tasks.queries.js";

export interface TaskRoutesOptions {
  readonly queries: TaskQueries;
  /** For a `listId` that is not the caller's: its owner, for the audit log only. */
  readonly lists: Pick<ListQueries, "ownerOf" | "owns">;
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
  const { queries, lists, maxTasksPerUser } = options;

  app.get(
    "/api/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "List your tasks",
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
      // A list that is not the caller's has no tasks of theirs: only an empty page needs a look.
      const { listId } = request.query;
      if (listId && page.items.length === 0 && !(await lists.owns(userId, listId))) {
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
          ...problemResponses(400, 401, 404, 409, 413, 415, 429, 503),
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
      if (task === "limit") {
        throw new HttpProblem("TASK_LIMIT_REACHED", {
          detail: `You have reached the limit of ${maxTasksPerUser} tasks; delete some first.`,
        });
      }
      await app.changes.publish(userId, { type: "task.created", data: task });
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
          "Only the fields given change. `completed` stamps or clears `completedAt`; `listId` moves the task to another of your lists.",
        security: SECURITY,
        params: TaskIdParamsSchema,
        body: UpdateTaskSchema,
        response: { 200: TaskSchema, ...problemResponses(400, 401, 404, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const task = await queries.update(userId, request.params.id, request.body, monotonicNow());
      if (task === "list-not-found") {
        return refuseList(request, lists.ownerOf, request.body.listId ?? "");
      }
      if (!task) return refuse(request, queries, request.params.id);
      await app.changes.publish(userId, { type: "task.updated", data: task });
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
          ...problemResponses(400, 401, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const removed = await queries.remove(userId, request.params.id);
      if (!removed) return refuse(request, queries, request.params.id);
      await app.changes.publish(userId, { type: "task.deleted", data: { id: request.params.id } });
      return reply.code(204).send();
    },
  );

  methodNotAllowed(app, "/api/tasks", ["GET", "POST"]);
  methodNotAllowed(app, "/api/tasks/:id", ["GET", "PATCH", "DELETE"]);
};

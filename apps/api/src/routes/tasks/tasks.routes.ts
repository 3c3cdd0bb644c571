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
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { principalOf } from "../../infra/authenticate.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import { forbiddenForRole, type ListAudience } from "../lists/list-audience.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { refuseList } from "../lists/lists.refuse.js";
import { monotonicNow } from "./clock.js";
import type { TaskQueries, TaskWrite } from "./tasks.queries.js";
import { refuseTask, refuseWrite } from "./tasks.refuse.js";

export interface TaskRoutesOptions {
  readonly queries: TaskQueries;
  /** For a `listId` the caller cannot see: its owner, for the audit log only. */
  readonly lists: Pick<ListQueries, "ownerOf" | "access">;
  /** Who hears of a change to a list's tasks: its owner and members. */
  readonly audience: ListAudience;
  readonly maxTasksPerUser: number;
}

const SECURITY = [{ bearerAuth: [] }];

export const taskRoutes: FastifyPluginAsyncZod<TaskRoutesOptions> = async (app, options) => {
  const { queries, lists, audience, maxTasksPerUser } = options;
  const refusalContext = (body: {
    listId?: string;
    parentId?: string | null;
    before?: string;
    after?: string;
  }) => ({
    queries,
    lists,
    maxTasksPerUser,
    listId: body.listId,
    parentId: body.parentId,
    anchorId: body.before ?? body.after,
  });
  /** What else a write changed: parents' counts and a recurring task's next occurrence. */
  const publishRelated = async (written: TaskWrite) => {
    for (const parent of written.parents) {
      await audience.publish(app.changes, parent.listId, { type: "task.updated", data: parent });
    }
    if (written.next) {
      const next = written.next;
      await audience.publish(app.changes, next.listId, { type: "task.created", data: next });
    }
  };

  app.get(
    "/api/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary: "List the tasks of your lists and of lists shared with you",
        description:
          "Filters, search, sort and cursor pagination. Top-level tasks (with their subtask counts) unless `parentId` asks for one task's subtasks. Pass `nextCursor` back as `cursor`, with the same filters, sort and order, for the next page.",
        security: SECURITY,
        querystring: ListTasksQuerySchema,
        response: { 200: TaskPageSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const page = await queries.list(userId, request.query);
      // A list the caller cannot see has no tasks for them: only an empty page needs a look.
      const { listId, parentId } = request.query;
      if (listId && page.items.length === 0 && !(await lists.access(userId, listId))) {
        return refuseList(request, lists.ownerOf, listId);
      }
      if (parentId && page.items.length === 0 && !(await queries.find(userId, parentId))) {
        return refuseTask(request, queries, parentId);
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
      let written: Awaited<ReturnType<typeof queries.create>>;
      try {
        written = await queries.create(userId, request.body, monotonicNow(), maxTasksPerUser);
      } catch (error) {
        if (isForeignKeyViolation(error)) written = "user-gone";
        else throw error;
      }
      if (typeof written === "string") {
        return refuseWrite(request, written, refusalContext(request.body));
      }
      const { task } = written;
      await audience.publish(app.changes, task.listId, { type: "task.created", data: task });
      await publishRelated(written);
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
      return task ?? refuseTask(request, queries, request.params.id);
    },
  );

  app.patch(
    "/api/tasks/:id",
    {
      schema: {
        tags: ["tasks"],
        summary: "Change some fields of one of your tasks",
        description:
          "Only the fields given change. `completed` stamps or clears `completedAt` (completing a recurring task also creates its next occurrence); `listId` moves the task to another list, at the end of its manual order; `before` or `after` places it beside another task of its list, in one write. Needs edit rights (owner or editor) on the task's list and on the list it moves to.",
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
      if (!written) return refuseTask(request, queries, request.params.id);
      if (typeof written === "string") {
        return refuseWrite(request, written, refusalContext(request.body));
      }
      const { task, previousListId } = written;
      await audience.publish(app.changes, task.listId, { type: "task.updated", data: task });
      await publishRelated(written);
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
      if (!removed) return refuseTask(request, queries, request.params.id);
      // Its subtasks went with it (the foreign key cascades): each is a deletion to who saw it.
      for (const id of [request.params.id, ...removed.subtaskIds]) {
        await audience.publish(app.changes, removed.listId, { type: "task.deleted", data: { id } });
      }
      if (removed.parent) {
        const parent = removed.parent;
        await audience.publish(app.changes, parent.listId, { type: "task.updated", data: parent });
      }
      return reply.code(204).send();
    },
  );

  methodNotAllowed(app, "/api/tasks", ["GET", "POST"]);
  methodNotAllowed(app, "/api/tasks/:id", ["GET", "PATCH", "DELETE"]);
};

import {
  ExportSchema,
  IMPORT_BODY_LIMIT_BYTES,
  ImportResultSchema,
  ImportSchema,
  importErrors,
} from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { principalOf, userGone } from "../../infra/authenticate.js";
import { HttpProblem } from "../../infra/problem.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";
import type { ListQueries } from "../lists/lists.queries.js";
import { monotonicNow } from "../tasks/clock.js";
import type { TransferQueries } from "./export.queries.js";

export interface ExportRoutesOptions {
  readonly queries: TransferQueries;
  readonly lists: Pick<ListQueries, "find">;
  readonly maxTasksPerUser: number;
  readonly maxListsPerUser: number;
}

const SECURITY = [{ bearerAuth: [] }];

export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = async (app, options) => {
  const { queries, lists, maxTasksPerUser, maxListsPerUser } = options;

  app.get(
    "/api/export",
    {
      schema: {
        tags: ["export"],
        summary: "Download your lists and their tasks",
        description:
          "Everything you own (your lists, with every task in them, also those editors wrote), as JSON that POST /api/import takes back. Lists shared with you are their owner's and are not included.",
        security: SECURITY,
        response: { 200: ExportSchema, ...problemResponses(401, 429, 503) },
      },
    },
    async (request) => queries.exportFor(principalOf(request).userId),
  );

  app.post(
    "/api/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ["export"],
        summary: "Import lists and tasks from an export",
        description:
          "Every list and task gets a new id (ids in the file only link tasks to lists and parents); the list marked isInbox brings its tasks into your Inbox; imported tasks go after your existing ones. All or nothing: a bad file is a 400 naming what is wrong, a limit a 409, and nothing is written.",
        security: SECURITY,
        body: ImportSchema,
        response: {
          201: ImportResultSchema,
          ...problemResponses(400, 401, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const errors = importErrors(request.body);
      if (errors.length > 0) {
        throw new HttpProblem("VALIDATION_FAILED", {
          errors: errors.map((e) => ({
            path: `body.${e.path}`,
            message: e.message,
            code: "invalid_reference",
          })),
        });
      }
      const imported = await queries.importFor(userId, request.body, monotonicNow(), {
        maxLists: maxListsPerUser,
        maxTasks: maxTasksPerUser,
      });
      if (imported === "user-gone") throw userGone(request);
      if (imported === "lists") {
        throw new HttpProblem("LIST_LIMIT_REACHED", {
          detail: `The import would pass the limit of ${maxListsPerUser} lists; nothing was imported.`,
        });
      }
      if (imported === "tasks") {
        throw new HttpProblem("TASK_LIMIT_REACHED", {
          detail: `The import would pass the limit of ${maxTasksPerUser} tasks; nothing was imported.`,
        });
      }
      // The caller's other tabs and devices hear of it as of any other new list and task.
      for (const id of imported.lists) {
        const list = await lists.find(userId, id);
        if (list) await app.changes.publish(userId, { type: "list.created", data: list });
      }
      for (const task of imported.tasks) {
        await app.changes.publish(userId, { type: "task.created", data: task });
      }
      return reply.code(201).send({ lists: imported.lists.length, tasks: imported.tasks.length });
    },
  );

  methodNotAllowed(app, "/api/export", ["GET"]);
  methodNotAllowed(app, "/api/import", ["POST"]);
};

import type { Socket } from "node:net";
import { answerClientError } from "@todo/config";
import type { FastifyInstance } from "fastify";

/** Fastify's `clientErrorHandler`: the web front answers and logs the same way (@todo/config). */
export function logClientErrors(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  answerClientError(error, socket, this.log);
}

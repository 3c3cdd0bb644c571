import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { ErrorCode } from "@todo/tasks";
import { problemAnswer } from "@todo/tasks/problems";
import type { FastifyInstance } from "fastify";

/** Node's reasons for refusing a request before it is one, by the catalogue's code. */
function codeOf(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return "REQUEST_TIMEOUT";
  if (error.code === "HPE_HEADER_OVERFLOW") return "HEADERS_TOO_LARGE";
  return "BAD_REQUEST";
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (malformed, headers too
 * large, too slow) never becomes a request, so no hook sees it. It still gets one log line, in
 * the request line's shape with Node's reason (ASVS 16.3.3: refused input is logged), and a
 * problem answer from the catalogue. A connection reset by the client is no request at all.
 */
export function logClientErrors(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const code = codeOf(error);
  const { status, headers, body } = problemAnswer(code);
  this.log.warn(
    {
      event: "request.rejected",
      status,
      ip: socket.remoteAddress,
      reason: error.code ?? "unknown",
    },
    "request refused by the HTTP parser",
  );
  if (socket.writable) {
    const head = Object.entries({ ...headers, "content-length": String(Buffer.byteLength(body)) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorCode } from "@todo/contract";
import { problemAnswer } from "@todo/contract/problems";

/** Node's reasons for refusing a request before it is one, by the catalogue's code. */
function codeOf(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return "REQUEST_TIMEOUT";
  if (error.code === "HPE_HEADER_OVERFLOW") return "HEADERS_TOO_LARGE";
  return "BAD_REQUEST";
}

/**
 * A request Node's HTTP parser refused (malformed, headers too large, too slow) never becomes a
 * request, so nothing after the parser sees it: both services answer it here, from the problem
 * catalogue, and log one `request.rejected` line with the peer's address and Node's reason
 * (ASVS 16.3.3: refused input is logged; the request's bytes are not). A connection the client
 * reset is no request at all.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex & { readonly remoteAddress?: string | undefined },
  log: { warn(fields: Record<string, unknown>, msg: string): void },
): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const code = codeOf(error);
  const { status, headers, body } = problemAnswer(code);
  log.warn(
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

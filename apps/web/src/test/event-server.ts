import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LiveMessage } from "@/lib/live/read-events";

/** One `GET /api/events` request as the server received it; the test answers it. */
interface EventRequest {
  readonly authorization: string | undefined;
  readonly lastEventId: string | undefined;
  /** Starts a 200 `text/event-stream` response. */
  open(): void;
  /** Sends raw stream text (or bytes, to cut a character in two), resolved once handed to the socket. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** The server ends the stream, as at a token's expiry. */
  end(): void;
  /** The connection breaks (the network, a crashed server). */
  drop(): void;
  /** An error answer instead of a stream. */
  refuse(status: number, headers?: Record<string, string>): void;
  /** Resolves when the connection is over, whichever side closed it. */
  readonly closed: Promise<void>;
}

export interface EventServer {
  readonly url: string;
  /** How many event requests have arrived. */
  readonly count: number;
  /** The next request to arrive (those already here first). */
  next(): Promise<EventRequest>;
  close(): Promise<void>;
}

/** A real HTTP server on a loopback port that speaks `GET /api/events` as the test scripts it. */
export async function startEventServer(): Promise<EventServer> {
  const arrived: EventRequest[] = [];
  const waiting: Array<(request: EventRequest) => void> = [];
  let count = 0;
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/api/events") {
      res.writeHead(404).end();
      return;
    }
    count++;
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    };
    const request: EventRequest = {
      authorization: header("authorization"),
      lastEventId: header("last-event-id"),
      open: () => {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
        res.flushHeaders();
      },
      write: (chunk) => new Promise<void>((resolve) => res.write(chunk, () => resolve())),
      end: () => res.end(),
      drop: () => req.socket.destroy(),
      refuse: (status, headers = {}) => {
        res.writeHead(status, { "content-type": "application/problem+json", ...headers });
        res.end(JSON.stringify({ status }));
      },
      closed: new Promise<void>((resolve) => res.once("close", () => resolve())),
    };
    const taker = waiting.shift();
    if (taker) taker(request);
    else arrived.push(request);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get count() {
      return count;
    },
    next: () => {
      const request = arrived.shift();
      return request ? Promise.resolve(request) : new Promise((resolve) => waiting.push(resolve));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One SSE message as the API frames it. */
export function frame(id: string, event: string, data = "{}"): string {
  return `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;
}

/** What a follower received, in order; `until` waits for the count to reach `n`. */
export class Inbox {
  readonly messages: LiveMessage[] = [];
  readonly #waiting: Array<{ n: number; resolve: () => void }> = [];

  readonly push = (message: LiveMessage): void => {
    this.messages.push(message);
    for (const waiter of [...this.#waiting]) {
      if (this.messages.length >= waiter.n) {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  until(n: number): Promise<void> {
    if (this.messages.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ n, resolve }));
  }
}

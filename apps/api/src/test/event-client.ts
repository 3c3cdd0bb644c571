import { createSseParser, type SseMessage } from "@todo/contract";
import type { FastifyInstance } from "fastify";

/** The app on a real port (streams need real HTTP: `inject` waits for the end of a response). */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return `http://127.0.0.1:${address.port}`;
}

export interface EventStreamClient {
  readonly status: number;
  readonly headers: Headers;
  /** Every message received so far, in order. */
  readonly messages: SseMessage[];
  /** The raw text received, comments and `retry:` lines included. */
  text(): string;
  /** The next message (after those already taken with next), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** Opens `GET /api/events` with a streaming fetch, as the browser does. */
export async function openEvents(
  baseUrl: string,
  headers: Record<string, string>,
): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { headers, signal: controller.signal });
  const messages: SseMessage[] = [];
  let raw = "";
  let taken = 0;
  let wake: (() => void) | undefined;
  const parser = createSseParser((message) => {
    messages.push(message);
    wake?.();
  });
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  const ended = (async () => {
    if (!reader) return;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        parser.push(text);
      }
    } catch {
      // aborted by close()
    }
    wake?.();
  })();
  let finished = false;
  void ended.then(() => {
    finished = true;
  });

  return {
    status: response.status,
    headers: response.headers,
    messages,
    text: () => raw,
    ended,
    async next(timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length <= taken) {
        if (finished) throw new Error(`stream ended; received: ${raw}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms; received: ${raw}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return messages[taken++] as SseMessage;
    },
    close: () => controller.abort(),
  };
}

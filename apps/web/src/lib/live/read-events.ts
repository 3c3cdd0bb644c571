import { createSseParser, type SseMessage } from "@todo/contract";

/** What the stream tells the page: a change (its id and SSE event), or "load afresh". */
export type LiveMessage =
  | { readonly kind: "change"; readonly id: string; readonly event: string; readonly data: string }
  | { readonly kind: "resync"; readonly id: string };

export interface ReadHooks {
  /** The first message of this response (a comment or `retry:` line is not one). */
  readonly onFirst: () => void;
  readonly onRetry: (ms: number) => void;
}

/**
 * Reads one `GET /api/events` response to its end. `ready` says the stream is live: it needs
 * nothing done, except on a `fresh` stream (no Last-Event-ID sent), which may have missed what
 * happened before it, like `reload`; both say "load afresh". A message cut off by the end of the
 * response is dropped, as the format requires.
 */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  fresh: boolean,
  deliver: (message: LiveMessage) => void,
  hooks: ReadHooks,
): Promise<void> {
  let first = true;
  const dispatch = (message: SseMessage) => {
    if (first) {
      first = false;
      hooks.onFirst();
    }
    if (message.event === "reload" || (message.event === "ready" && fresh)) {
      deliver({ kind: "resync", id: message.id });
    } else if (message.event !== "ready") {
      deliver({ kind: "change", id: message.id, event: message.event, data: message.data });
    }
  };
  const parser = createSseParser(dispatch, hooks.onRetry);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parser.push(decoder.decode(value, { stream: true }));
  }
}

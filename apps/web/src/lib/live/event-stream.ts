import { compareEventIds, createSseParser, EVENT_ID_PATTERN, type SseMessage } from "@todo/tasks";
import { type AccessTokenManager, SignedOutError } from "../access-token";

/** What the stream tells the page: a change (its id and SSE event), or "load afresh". */
export type LiveMessage =
  | { readonly kind: "change"; readonly id: string; readonly event: string; readonly data: string }
  | { readonly kind: "resync"; readonly id: string };

export interface EventStreamOptions {
  readonly baseUrl: string;
  readonly tokens: AccessTokenManager;
  /** Where to resume: the last id this browser has seen (shared by its tabs), if any. */
  readonly lastEventId: () => string | undefined;
  readonly onMessage: (message: LiveMessage) => void;
  readonly onSignedOut: () => void;
  readonly signal: AbortSignal;
}

const MAX_BACKOFF_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, Math.min(MAX_BACKOFF_MS, ms));
    signal.addEventListener("abort", wake);
  });
}

/**
 * Follows `GET /api/events` until `signal` aborts: a streaming fetch with the bearer token in its
 * header (never in the URL: docs/security.md), resuming with `Last-Event-ID` after every end —
 * revocation, a restart of the API, the network. The server ends a stream when its token
 * expires; before that, when the token is due for refresh, a second stream is opened with a
 * fresh token and the first is closed once the second speaks (an event seen twice is dropped by
 * its id), so no change waits for a reconnection. A 401 gets one refreshed token; a session that
 * is gone stops here and signs out.
 */
export function followEvents(options: EventStreamOptions): Promise<void> {
  const { baseUrl, tokens, signal } = options;
  let failures = 0;
  let retryMs = 1000;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  signal.addEventListener("abort", () => done(), { once: true });

  const deliver = (message: LiveMessage) => {
    const last = options.lastEventId();
    const seen =
      message.kind === "change" &&
      last !== undefined &&
      EVENT_ID_PATTERN.test(last) &&
      EVENT_ID_PATTERN.test(message.id) &&
      compareEventIds(message.id, last) <= 0;
    if (!seen) options.onMessage(message);
  };
  const backoff = () => 1000 * 2 ** Math.min(failures++, 5);

  /** One connection; `predecessor` is closed once this one has received its first message. */
  const open = async (predecessor?: AbortController, refreshed = false): Promise<void> => {
    if (signal.aborted) return;
    let token: string;
    try {
      token = refreshed ? await tokens.refresh() : await tokens.get();
    } catch (error) {
      if (error instanceof SignedOutError) {
        done();
        return options.onSignedOut();
      }
      await sleep(backoff(), signal);
      return open(predecessor);
    }
    const connection = new AbortController();
    const abort = () => connection.abort();
    signal.addEventListener("abort", abort);
    const resumeFrom = options.lastEventId();
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/events`, {
        cache: "no-store",
        credentials: "omit",
        signal: connection.signal,
        headers: {
          accept: "text/event-stream",
          authorization: `Bearer ${token}`,
          ...(resumeFrom !== undefined && { "last-event-id": resumeFrom }),
        },
      });
    } catch {
      signal.removeEventListener("abort", abort);
      await sleep(backoff(), signal);
      return open(predecessor);
    }
    if (!response.ok || !response.body) {
      signal.removeEventListener("abort", abort);
      await response.body?.cancel().catch(() => {});
      if (response.status === 401) {
        // One fresh token; a second 401 in a row means the session is over.
        if (!refreshed) return open(predecessor, true);
        done();
        return options.onSignedOut();
      }
      const retryAfter = Number(response.headers.get("retry-after")) * 1000;
      await sleep(Math.max(Number.isFinite(retryAfter) ? retryAfter : 0, backoff()), signal);
      return open(predecessor);
    }
    failures = 0;
    const openedAt = Date.now();
    let replaced = false;
    const switchAt = tokens.refreshAt;
    const switchTimer =
      switchAt === null
        ? undefined
        : setTimeout(
            () => {
              tokens.get().then(
                () => {
                  if (connection.signal.aborted) return;
                  replaced = true;
                  void open(connection);
                },
                () => {},
              );
            },
            Math.max(0, switchAt - Date.now()),
          );
    let spoke = false;
    let endHint: number | undefined;
    await readStream(response.body, resumeFrom === undefined, deliver, {
      onFirst: () => {
        spoke = true;
        predecessor?.abort();
      },
      // The opening `retry:` is the usual delay; one sent later comes with a shutdown.
      onRetry: (ms) => {
        if (spoke) endHint = ms;
        else retryMs = ms;
      },
    }).catch(() => {});
    clearTimeout(switchTimer);
    signal.removeEventListener("abort", abort);
    if (signal.aborted || replaced) return;
    // Ended by the server (expiry, revocation, shutdown) or the network. A stream that lived a
    // while reconnects at once (Last-Event-ID loses nothing); one that ended at once waits, so a
    // failing server is not hammered.
    const lived = Date.now() - openedAt;
    await sleep(endHint ?? (lived < 2000 ? retryMs : 0), signal);
    return open(predecessor);
  };

  void open();
  return finished;
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  fresh: boolean,
  deliver: (message: LiveMessage) => void,
  hooks: { onFirst: () => void; onRetry: (ms: number) => void },
): Promise<void> {
  let first = true;
  const dispatch = (message: SseMessage) => {
    if (first) {
      first = false;
      hooks.onFirst();
    }
    if (message.event === "reload" || (message.event === "ready" && fresh)) {
      // A new stream may have missed what happened before it: the lists load afresh.
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

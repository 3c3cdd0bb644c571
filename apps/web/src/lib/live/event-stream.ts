import { compareEventIds, EVENT_ID_PATTERN } from "@todo/contract";
import { type AccessTokenManager, SignedOutError } from "../access-token";
import { type LiveMessage, readEvents } from "./read-events";
import { type Clock, ReconnectDelays, timerClock } from "./reconnect";

export interface EventStreamOptions {
  readonly baseUrl: string;
  readonly tokens: AccessTokenManager;
  /** Where to resume: the last id this browser has seen (shared by its tabs), if any. */
  readonly lastEventId: () => string | undefined;
  readonly onMessage: (message: LiveMessage) => void;
  readonly onSignedOut: () => void;
  readonly signal: AbortSignal;
  readonly clock?: Clock;
}

/** What a connection's end calls for: stop, or a wait before the next one. */
type Next = "stop" | { readonly waitMs: number };

/**
 * Follows `GET /api/events` until `signal` aborts: a streaming fetch with the bearer token in its
 * header (never in the URL: docs/security.md), resuming with `Last-Event-ID` after every end —
 * revocation, a restart of the API, the network. The server ends a stream when its token
 * expires; before that, when the token is due for refresh, a second stream is opened with a
 * fresh token and the first is closed once the second speaks (an event seen twice is dropped by
 * its id), so no change waits for a reconnection; the waits between connections are
 * ReconnectDelays'. A refused token follows the token manager's rule (one refresh, one retry,
 * then signed out); a session that is gone stops here and signs out. Resolves once it has stopped: no connection open, nothing waiting.
 */
export function followEvents(options: EventStreamOptions): Promise<void> {
  const { baseUrl, tokens, signal } = options;
  const clock = options.clock ?? timerClock;
  const delays = new ReconnectDelays(() => clock.now());
  let signedOut = false;
  let running = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const over = () => signal.aborted || signedOut;

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
  const failed = (retryAfter: string | null = null): Next => ({
    waitMs: delays.failed(retryAfter),
  });
  const signOut = (predecessor?: AbortController): Next => {
    predecessor?.abort();
    if (!signedOut) {
      signedOut = true;
      // A sign-out this tab began already leads the way out.
      if (!tokens.ended) options.onSignedOut();
    }
    return "stop";
  };

  const exchange = async (
    connection: AbortController,
    predecessor: AbortController | undefined,
  ): Promise<Next> => {
    const resumeFrom = options.lastEventId();
    let response: Response;
    try {
      response = await tokens.authorize((token) =>
        fetch(`${baseUrl}/api/events`, {
          cache: "no-store",
          credentials: "omit",
          signal: connection.signal,
          headers: {
            accept: "text/event-stream",
            authorization: `Bearer ${token}`,
            ...(resumeFrom !== undefined && { "last-event-id": resumeFrom }),
          },
        }),
      );
    } catch (error) {
      return error instanceof SignedOutError ? signOut(predecessor) : failed();
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      return failed(response.headers.get("retry-after"));
    }
    const openedAt = clock.now();
    let replaced = false;
    const switchAt = tokens.refreshAt;
    const switchTimer =
      switchAt === null
        ? undefined
        : setTimeout(
            () => {
              tokens.get().then(
                () => {
                  if (connection.signal.aborted || over()) return;
                  replaced = true;
                  follow(connection);
                },
                () => {},
              );
            },
            Math.max(0, switchAt - clock.now()),
          );
    let spoke = false;
    let endHint: number | undefined;
    await readEvents(response.body, resumeFrom === undefined, deliver, {
      onFirst: () => {
        spoke = true;
        predecessor?.abort();
      },
      // The opening `retry:` is the usual delay; one sent later comes with a shutdown.
      onRetry: (ms) => {
        if (spoke) endHint = ms;
        else delays.retry = ms;
      },
    }).catch(() => {});
    clearTimeout(switchTimer);
    // A fresh token on its way for the switch now finds this connection over: no successor.
    connection.abort();
    if (over() || replaced) return "stop";
    // Ended by the server (expiry, revocation, shutdown) or the network: Last-Event-ID resumes.
    return { waitMs: delays.ended(openedAt, endHint) };
  };

  /** One connection, from its token to its end; `predecessor` closes once this one speaks. */
  const connect = async (predecessor: AbortController | undefined): Promise<Next> => {
    if (over()) return "stop";
    const connection = new AbortController();
    const abort = () => connection.abort();
    signal.addEventListener("abort", abort);
    try {
      return await exchange(connection, predecessor);
    } finally {
      signal.removeEventListener("abort", abort);
    }
  };

  /** A chain of connections, one after another, until following stops or a successor takes over. */
  const follow = (predecessor?: AbortController) => {
    running++;
    const chain = async () => {
      while (!over()) {
        const next = await connect(predecessor);
        if (next === "stop") return;
        if (!over()) await clock.wait(next.waitMs, signal);
      }
    };
    const end = () => {
      running--;
      if (running === 0) done();
    };
    chain().then(end, end);
  };

  follow();
  return finished;
}

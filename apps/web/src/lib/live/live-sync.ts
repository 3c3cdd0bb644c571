import type { AccessTokenManager } from "../access-token";
import { followEvents } from "./event-stream";
import type { LiveMessage } from "./read-events";

export interface LiveSyncOptions {
  readonly userId: string;
  readonly baseUrl: string;
  readonly tokens: AccessTokenManager;
  readonly onMessage: (message: LiveMessage) => void;
  readonly onSignedOut: () => void;
}

function isLiveMessage(value: unknown): value is LiveMessage {
  if (typeof value !== "object" || value === null) return false;
  const { kind, id } = value as Record<string, unknown>;
  if (typeof id !== "string") return false;
  if (kind === "resync") return true;
  const { event, data } = value as Record<string, unknown>;
  return kind === "change" && typeof event === "string" && typeof data === "string";
}

/**
 * One stream per browser, not per tab: the tab holding the Web Lock follows the API's events and
 * passes each to the other tabs on a BroadcastChannel (events only: no token ever crosses it,
 * docs/security.md). When that tab closes, its lock is released once its stream is closed, and a
 * waiting tab takes over, resuming from the last id any tab saw. Without Web Locks (or
 * BroadcastChannel) each tab follows its own stream and shares nothing: it hears every event
 * itself. Returns the function that stops it.
 */
export function startLiveSync(options: LiveSyncOptions): () => void {
  const name = `todo-live:${options.userId}`;
  const controller = new AbortController();
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  const channel =
    locks && typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(name) : null;
  let lastId: string | undefined;
  const receive = (message: LiveMessage) => {
    lastId = message.id;
    options.onMessage(message);
  };
  const follow = () =>
    followEvents({
      baseUrl: options.baseUrl,
      tokens: options.tokens,
      lastEventId: () => lastId,
      onMessage: (message) => {
        receive(message);
        channel?.postMessage(message);
      },
      onSignedOut: options.onSignedOut,
      signal: controller.signal,
    });
  if (locks && channel) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isLiveMessage(event.data)) receive(event.data);
    };
    locks.request(name, { signal: controller.signal }, follow).catch(() => {
      // Aborted while waiting for the lock: this tab is closing.
    });
  } else {
    void follow();
  }
  return () => {
    controller.abort();
    channel?.close();
  };
}

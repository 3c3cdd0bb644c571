/**
 * Tells the other tabs of this browser that the session has ended, so they leave at once instead
 * of at their next request. Only a message type crosses the channel: never a token (docs/security.md).
 */
const CHANNEL = "todo-session";
const SIGNED_OUT = "signed-out";

function open(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(CHANNEL);
}

export function announceSignedOut(): void {
  const channel = open();
  channel?.postMessage({ type: SIGNED_OUT });
  channel?.close();
}

/** Calls `listener` when another tab signs out; returns the unsubscribe function. */
export function onSignedOutElsewhere(listener: () => void): () => void {
  const channel = open();
  if (!channel) return () => {};
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (data?.type === SIGNED_OUT) listener();
  };
  return () => channel.close();
}

/**
 * Tells the other tabs of this browser that the session has ended, so they leave at once instead
 * of at their next request. Only a message type and this tab's random id cross the channel:
 * never a token (docs/security.md).
 */
const CHANNEL = "todo-session";
const SIGNED_OUT = "signed-out";
/** Tells this tab's own announcements apart: the tab signing out leads its own way out. */
const TAB = typeof crypto === "undefined" ? "" : crypto.randomUUID();

function open(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(CHANNEL);
}

export function announceSignedOut(): void {
  const channel = open();
  channel?.postMessage({ type: SIGNED_OUT, tab: TAB });
  channel?.close();
}

/** Calls `listener` when another tab signs out; returns the unsubscribe function. */
export function onSignedOutElsewhere(listener: () => void): () => void {
  const channel = open();
  if (!channel) return () => {};
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; tab?: unknown } | null;
    if (data?.type === SIGNED_OUT && data.tab !== TAB) listener();
  };
  return () => channel.close();
}

"use client";

import { useState } from "react";
import { parseQuickAdd, type QuickAdd, type QuickToken } from "./parse-quick-add";

/** The browser's own zone: due dates are days of the user's calendar. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * What the new-task field understands as the user types, and the tokens they turned back into
 * words (a removed chip stays removed until the form is cleared).
 */
export function useQuickAdd(
  text: string,
  lists: readonly { id: string; name: string }[],
): { parsed: QuickAdd; ignore: (token: QuickToken) => void; reset: () => void } {
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(() => new Set());
  const parsed = parseQuickAdd(text, { now: new Date(), timeZone: browserZone(), lists, ignored });
  return {
    parsed,
    ignore: (token) => setIgnored((before) => new Set([...before, token.key])),
    reset: () => setIgnored(new Set()),
  };
}

"use client";

import { useEffect, useState } from "react";
import type { QuickAdd, QuickAddContext, QuickToken } from "./parse-quick-add";

type Parse = (text: string, context: QuickAddContext) => QuickAdd;

/** The browser's own zone: due dates are days of the user's calendar. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

// The parser (with chrono-node) is loaded after the page, not with it: the tasks page's first
// load stays within its weight budget (docs/web-app.md), and a title sent before it arrives
// waits for it (`read`).
let loading: Promise<Parse> | undefined;
const loadParser = (): Promise<Parse> => {
  loading ??= import("./parse-quick-add").then((module) => module.parseQuickAdd);
  return loading;
};

/**
 * What the new-task field understands as the user types, and the tokens they turned back into
 * words (a removed chip stays removed until the form is cleared). `read` gives the final reading
 * of a title being saved.
 */
export function useQuickAdd(text: string, lists: readonly { id: string; name: string }[]) {
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(() => new Set());
  const [parse, setParse] = useState<Parse>();
  useEffect(() => {
    let live = true;
    void loadParser().then((loaded) => live && setParse(() => loaded));
    return () => {
      live = false;
    };
  }, []);
  const context = () => ({ now: new Date(), timeZone: browserZone(), lists, ignored });
  const parsed: QuickAdd = parse?.(text, context()) ?? { title: text.trim(), tokens: [], tags: [] };
  return {
    parsed,
    read: async (title: string): Promise<QuickAdd> => (await loadParser())(title, context()),
    ignore: (token: QuickToken) => setIgnored((before) => new Set([...before, token.key])),
    reset: () => setIgnored(new Set()),
  };
}

"use client";

import { useEffect, useState } from "react";
import type { QuickAdd, QuickAddContext, QuickToken } from "./parse-quick-add";

type Parse = (text: string, context: QuickAddContext) => QuickAdd;

/** The browser's own zone: due dates are days of the user's calendar. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

// The parser (with chrono-node) is loaded after the page, not with it: the tasks page's first
// load stays within its weight budget (docs/web-app.md), and a title sent before it arrives
// waits for it (`read`). A load that failed (offline before it arrived) is tried again later.
let loading: Promise<Parse> | undefined;
const loadParser = (): Promise<Parse> => {
  loading ??= import("./parse-quick-add").then(
    (module) => module.parseQuickAdd,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
};

/** Without the parser (it could not be loaded), a title is taken as typed, as it was shown. */
const asTyped = (text: string): QuickAdd => ({ title: text.trim(), tokens: [], tags: [] });

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
    const load = () =>
      loadParser().then(
        (loaded) => live && setParse(() => loaded),
        () => window.addEventListener("online", load, { once: true }),
      );
    void load();
    return () => {
      live = false;
      window.removeEventListener("online", load);
    };
  }, []);
  const context = () => ({ now: new Date(), timeZone: browserZone(), lists, ignored });
  const parsed: QuickAdd = parse?.(text, context()) ?? asTyped(text);
  return {
    parsed,
    read: async (title: string): Promise<QuickAdd> =>
      parse?.(title, context()) ??
      loadParser().then(
        (loaded) => loaded(title, context()),
        () => asTyped(title),
      ),
    ignore: (token: QuickToken) => setIgnored((before) => new Set([...before, token.key])),
    reset: () => setIgnored(new Set()),
  };
}

"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

/**
 * One cache per page visit, in memory only: nothing about a user's tasks outlives the page, so
 * signing out (which leaves the page) leaves nothing behind for the next user of the browser.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // The API client already refreshes the token and retries once on a 401; an API that is
          // down should say so at once, not after several silent attempts.
          queries: { retry: false, staleTime: 30_000 },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

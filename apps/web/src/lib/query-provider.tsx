"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  PersistQueryClientProvider,
  persistQueryClientSave,
} from "@tanstack/react-query-persist-client";
import { type ReactNode, useEffect, useState } from "react";
import { deleteDeviceDatabases, deviceDbName } from "./offline/device-store";
import { rememberDeviceUser } from "./offline/device-user";
import { OFFLINE_MAX_AGE_MS, persistOptions } from "./offline/persist-options";
import { registerForWipe } from "./offline/wipe";

function newClient(persisted: boolean): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The API client already refreshes the token and retries once on a 401; an API that is
      // down should say so at once, not after several silent attempts.
      queries: {
        retry: false,
        staleTime: 30_000,
        // A persisted cache keeps what it restores at least as long as the copy is valid.
        ...(persisted && { gcTime: OFFLINE_MAX_AGE_MS }),
      },
      mutations: { retry: false },
    },
  });
}

/**
 * One cache per page visit. With a `userId` (the signed-in tasks page), the tasks and lists are
 * also kept on the device in that user's own IndexedDB database, with the changes made offline,
 * so the page reads offline and sends them when the connection returns (decision 0030); sign-out
 * wipes it (lib/offline/wipe.ts). Without one, the cache is in memory only.
 */
export function QueryProvider({ children, userId }: { children: ReactNode; userId?: string }) {
  const [client] = useState(() => newClient(userId !== undefined));
  const [options] = useState(() => (userId ? persistOptions(userId) : undefined));
  useEffect(() => registerForWipe(client), [client]);
  // The offline shell opens this user's copy when a navigation finds no network (device-user.ts).
  useEffect(() => {
    if (userId) rememberDeviceUser(userId);
  }, [userId]);
  if (!userId || !options) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  }
  return (
    <PersistQueryClientProvider
      client={client}
      persistOptions={options}
      onSuccess={() => {
        // Another account's copy left by a browser closed before it signed out goes now.
        void deleteDeviceDatabases(deviceDbName(userId));
        // What the server put in the cache before the copy was listening for changes (the
        // first page in the HTML) is kept now, not at the next change.
        void persistQueryClientSave({ queryClient: client, ...options });
        // Changes queued before a reload go out, in order, once the network is there.
        void client.resumePausedMutations();
      }}
    >
      {children}
    </PersistQueryClientProvider>
  );
}

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated, true after. Forms keep their submit
 * button disabled until then: a native submission before hydration would send a GET with every
 * field (a password included) in the URL, or lose what was typed in a reload.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

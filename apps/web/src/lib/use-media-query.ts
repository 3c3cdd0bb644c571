import { useCallback, useSyncExternalStore } from "react";

/** Whether the media query matches now; false in the server's HTML and until hydration. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phone widths: the same breakpoint as the stylesheet's (phone.css). */
export const PHONE_QUERY = "(max-width: 640px)";

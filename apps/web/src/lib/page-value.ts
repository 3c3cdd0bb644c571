import { useSyncExternalStore } from "react";

/**
 * A value held once per page (module state) that components follow: `set` re-renders every
 * component reading it with `usePageValue`. The server's HTML and hydration see `initial`.
 */
export interface PageValue<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
  readonly initial: T;
}

export function pageValue<T>(initial: T): PageValue<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    initial,
    get: () => current,
    set(value) {
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function usePageValue<T>(value: PageValue<T>): T {
  return useSyncExternalStore(value.subscribe, value.get, () => value.initial);
}

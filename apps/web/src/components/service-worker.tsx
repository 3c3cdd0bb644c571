"use client";

import { useEffect } from "react";
import { SERVICE_WORKER_URL } from "@/lib/offline/offline-shell";

/**
 * Registers the service worker (public/sw.js) once the page has loaded, so that installing it
 * never competes with the first paint. A browser without service workers, or a build without
 * one (development), simply goes on without: the app works the same online.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    const register = () => {
      navigator.serviceWorker
        .register(SERVICE_WORKER_URL, { scope: "/", updateViaCache: "none" })
        .catch(() => undefined);
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    return () => window.removeEventListener("load", register);
  }, []);
  return null;
}

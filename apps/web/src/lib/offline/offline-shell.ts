/**
 * The page the service worker answers a navigation with when the network is gone: a static
 * shell, precached without cookies, that holds no user data (decision 0026).
 */
export const OFFLINE_URL = "/offline";

/** Where the service worker is served from (public/sw.js, built by `serwist build`). */
export const SERVICE_WORKER_URL = "/sw.js";

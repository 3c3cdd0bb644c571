import { pathWithoutQuery } from "@todo/config";
import type { FastifyInstance } from "fastify";

/** A request no route matches: one label value for every unknown path. */
const UNMATCHED = "unmatched";

/**
 * Maps a request to the pattern of the route that serves it (`/api/tasks/:id`), for metric labels
 * and span names: bounded by the routes the app declares, never the raw path, which could carry an
 * identifier or grow a label per URL. The router is asked for the route and its parameters; the
 * parameters are put back as `:name` and the result is accepted only if it is a declared pattern.
 * Must be created before the routes are registered (it collects their patterns as they come).
 */
export function httpRoutes(app: FastifyInstance) {
  const patterns = new Set<string>();
  app.addHook("onRoute", (route) => {
    patterns.add(route.url);
  });
  return (method: string | undefined, url: string | undefined): string => {
    const path = pathWithoutQuery(url ?? "/");
    let found: ReturnType<FastifyInstance["findRoute"]>;
    try {
      found = app.findRoute({ method: (method ?? "GET") as "GET", url: path });
    } catch {
      return UNMATCHED;
    }
    if (found === null) return UNMATCHED;
    if (patterns.has(path)) return path;
    const params = found.params as Record<string, string>;
    const rest = params["*"];
    if (rest !== undefined) {
      const wildcard = `${path.slice(0, path.length - rest.length)}*`;
      return patterns.has(wildcard) ? wildcard : UNMATCHED;
    }
    const segments = path.split("/");
    for (const [name, value] of Object.entries(params)) {
      const at = segments.findIndex((segment) => safeDecode(segment) === value);
      if (at !== -1) segments[at] = `:${name}`;
    }
    const pattern = segments.join("/");
    return patterns.has(pattern) ? pattern : UNMATCHED;
  };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

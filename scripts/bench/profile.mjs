// Reading a V8 CPU profile (.cpuprofile) into self time by component and by function.
import { readFileSync } from "node:fs";

/** Where a profile node's code lives: a package, the API, a workspace package, Node, or a state. */
function component(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : `(native) ${functionName}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  const workspace = /\/(apps\/[^/]+|packages\/[^/]+)\//.exec(url);
  if (workspace) return workspace[1];
  if (url.startsWith("node:")) return "Node.js (http, streams, crypto, timers…)";
  return url;
}

/** Self time by component and by function from a .cpuprofile, after the first `skipMs`. */
export function summariseProfile(file, skipMs) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const components = new Map();
  const functions = new Map();
  let t = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < skipMs * 1000) return;
    const frame = byId.get(id).callFrame;
    const where = component(frame);
    const fn = frame.url ? `${frame.functionName || "(anonymous)"} · ${where}` : where;
    components.set(where, (components.get(where) ?? 0) + dt);
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
    total += dt;
  });
  const top = (map, n) =>
    [...map.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, share: us / total }));
  return { components: top(components, 10), functions: top(functions, 10) };
}

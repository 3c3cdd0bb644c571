import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms;

/** A workspace import's source file, from its package's `exports` ("source" condition). */
function workspaceSource(specifier: string): string | undefined {
  const [, name = "", subpath = ""] = /^@todo\/([^/]+)(\/.*)?$/.exec(specifier) ?? [];
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, "packages", name, "package.json"), "utf8"),
  );
  const entry = manifest.exports?.[`.${subpath}`]?.source;
  return entry === undefined ? undefined : path.join(ROOT, "packages", name, entry);
}

function resolve(from: string, specifier: string): string | undefined {
  if (specifier.startsWith("@todo/")) return workspaceSource(specifier);
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ""));
  return [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((file) => existsSync(file));
}

/** Every project file the module reaches through its imports. */
function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier = ""] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolve(file, specifier);
      if (target !== undefined) visit(target);
    }
  };
  visit(entry);
  return seen;
}

it("the request proxy imports no database, secret or data-folder code", () => {
  const reached = [...importClosure(path.join(ROOT, "apps/web/src/proxy.ts"))].map((file) =>
    path.relative(ROOT, file),
  );
  expect(reached).toContain("apps/web/http/edge-config.ts");
  expect(reached.filter((file) => file.startsWith("packages/db/"))).toEqual([]);
  expect(reached.filter((file) => /secrets|data-dir/.test(file))).toEqual([]);
  expect(reached).not.toContain("apps/web/http/config.ts");
});

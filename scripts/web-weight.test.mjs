import { describe, expect, it } from "vitest";
import { BUDGET_KB, describeWeight, measureFirstLoad } from "./lib/web-weight.mjs";

// Reads the production build that `npm test` makes before Vitest runs (`npm run build:web`).
// Without one it fails, naming the command, rather than passing on nothing.
describe("the web app's weight", () => {
  it(`keeps the tasks page's JavaScript at or under ${BUDGET_KB} KB gzipped`, () => {
    const weight = measureFirstLoad("/tasks");
    console.info(describeWeight(weight));
    expect(weight.scripts).toBeGreaterThan(0);
    expect(weight.gzippedBytes / 1024).toBeLessThanOrEqual(BUDGET_KB);
  });

  it("says which command makes the build when there is none", () => {
    expect(() => measureFirstLoad("/tasks", "/nonexistent/.next")).toThrow(/npm run build:web/);
  });
});

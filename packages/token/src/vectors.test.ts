import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkVectors, outcomeOf } from "./test/check-vectors.js";
import { buildVectors, type VectorCase, type VectorFile } from "./test/vectors.js";

const FILE = new URL("../vectors/v1.json", import.meta.url);
const vectors = JSON.parse(readFileSync(FILE, "utf8")) as VectorFile;

/** What a case promises, without its token (ES/PS signatures differ at every generation). */
const outcome = (vector: VectorCase) =>
  vector.expect === "valid"
    ? { name: vector.name, now: vector.now, expect: vector.expect, claims: vector.claims }
    : { name: vector.name, now: vector.now, expect: vector.expect, reason: vector.reason };

describe("the conformance vectors (packages/token/vectors/v1.json)", () => {
  it("are what the generator makes today (run `npm run vectors` when this fails)", () => {
    const fresh = buildVectors();
    const { cases: _fileCases, ...fileRest } = vectors;
    const { cases: _freshCases, ...freshRest } = fresh;
    expect(JSON.parse(JSON.stringify(fileRest))).toEqual(JSON.parse(JSON.stringify(freshRest)));
    expect(vectors.cases.map(outcome)).toEqual(fresh.cases.map(outcome));
  });

  it("have unique names and one case at least per failure reason", () => {
    const names = vectors.cases.map((vector) => vector.name);
    expect(new Set(names).size).toBe(names.length);
    const reasons = new Set(
      vectors.cases.flatMap((vector) => (vector.expect === "invalid" ? [vector.reason] : [])),
    );
    expect([...reasons].sort()).toEqual([...vectors.reasonOrder].sort());
  });

  it.each(vectors.cases.map((vector) => [vector.name, vector] as const))(
    "%s: the TypeScript verifier agrees",
    async (_name, vector) => {
      const got = await outcomeOf(vectors, vector);
      if (vector.expect === "valid") {
        expect(got).toEqual({ expect: "valid", claims: vector.claims });
      } else {
        expect(got).toEqual({ expect: "invalid", reason: vector.reason });
      }
    },
  );

  it("all agree in one pass (the generator's own check)", async () => {
    expect(await checkVectors(vectors)).toEqual([]);
  });
});

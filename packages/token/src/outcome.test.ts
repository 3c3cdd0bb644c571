import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createKeyRing } from "./key-ring.js";
import type { VectorFile } from "./test/vectors.js";
import { createAccessTokenVerifier } from "./verify.js";

const FILE = new URL("../vectors/v1.json", import.meta.url);
const vectors = JSON.parse(readFileSync(FILE, "utf8")) as VectorFile;

const verifier = createAccessTokenVerifier({
  keyRing: await createKeyRing({
    secret: vectors.keys.current,
    previousSecrets: vectors.keys.previous,
    betterAuthSecret: vectors.keys.betterAuthSecret,
  }),
  issuer: vectors.issuer,
  audience: vectors.audience,
});

it.each(vectors.cases.map((vector) => [vector.name, vector] as const))(
  "%s: outcome() returns the vector's claims or its reason, without throwing",
  (_name, vector) => {
    const got = verifier.outcome(vector.token, vector.now * 1000);
    expect(got).toEqual(vector.expect === "valid" ? vector.claims : vector.reason);
  },
);

it("outcome() lets a non-string token through as 'malformed', like verifySync", () => {
  expect(verifier.outcome(42 as unknown as string)).toBe("malformed");
  expect(() => verifier.verifySync(42 as unknown as string)).toThrow(/well-formed/);
});

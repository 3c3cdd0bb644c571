import { isDeepStrictEqual } from "node:util";
import { TokenVerificationError } from "../errors.js";
import { createKeyRing } from "../key-ring.js";
import { createAccessTokenVerifier } from "../verify.js";
import type { VectorCase, VectorFile } from "./vectors.js";

/** What the TypeScript verifier makes of one vector, in the vectors' own terms. */
export async function outcomeOf(
  vectors: Pick<VectorFile, "keys" | "issuer" | "audience">,
  vector: Pick<VectorCase, "token" | "now">,
): Promise<{ expect: "valid"; claims: unknown } | { expect: "invalid"; reason: string }> {
  const keyRing = await createKeyRing({
    secret: vectors.keys.current,
    previousSecrets: vectors.keys.previous,
    betterAuthSecret: vectors.keys.betterAuthSecret,
  });
  const verifier = createAccessTokenVerifier({
    keyRing,
    issuer: vectors.issuer,
    audience: vectors.audience,
  });
  try {
    return { expect: "valid", claims: await verifier.verify(vector.token, vector.now * 1000) };
  } catch (error) {
    if (error instanceof TokenVerificationError) return { expect: "invalid", reason: error.reason };
    throw error;
  }
}

/** One line per vector whose expectation the verifier does not meet; empty when all agree. */
export async function checkVectors(vectors: VectorFile): Promise<string[]> {
  const failures: string[] = [];
  for (const vector of vectors.cases) {
    const got = await outcomeOf(vectors, vector);
    const want =
      vector.expect === "valid"
        ? { expect: "valid", claims: vector.claims }
        : { expect: "invalid", reason: vector.reason };
    if (!isDeepStrictEqual({ ...got }, want)) {
      failures.push(`${vector.name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  return failures;
}

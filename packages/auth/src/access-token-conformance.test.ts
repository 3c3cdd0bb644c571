import { readFileSync } from "node:fs";
import { createAccessTokenIssuer, createAccessTokenVerifier, createKeyRing } from "@todo/token";
import { afterAll, expect, it } from "vitest";
import { createAuth } from "./create-auth.js";
import { type AuthCall, authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";

// The conformance vectors' key set and settings (packages/token/vectors/v1.json, docs/contract.md).
const vectors = JSON.parse(
  readFileSync(new URL("../../token/vectors/v1.json", import.meta.url), "utf8"),
) as {
  keys: { current: string; previous: string[]; betterAuthSecret: string };
  issuer: string;
  audience: string;
};

const database = await migratedTestDatabase("conformance");
afterAll(() => database.close());

it("a token from the web app's token endpoint is valid under the vectors' key set, with sub and sid of the session", async () => {
  const keyRing = await createKeyRing({
    secret: vectors.keys.current,
    betterAuthSecret: vectors.keys.betterAuthSecret,
  });
  const auth = createAuth({
    database,
    secret: vectors.keys.betterAuthSecret,
    baseURL: vectors.issuer,
    issuer: createAccessTokenIssuer({
      keyRing,
      issuer: vectors.issuer,
      audience: vectors.audience,
    }),
    rateLimit: false,
    audit: () => {},
  });
  const request = (pathname: string, init: AuthCall = {}) =>
    authRequest(auth.handler, vectors.issuer, pathname, init);
  const signUp = await request("/sign-up/email", {
    method: "POST",
    body: { name: "Ann", email: "ann@example.test", password: "correct horse battery" },
  });
  expect(signUp.status).toBe(200);
  const cookie = cookieOf(signUp);
  const response = await request("/token", { cookie });
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };

  // Verified as the vectors are: current and previous keys, the vectors' issuer and audience.
  const verifier = createAccessTokenVerifier({
    keyRing: await createKeyRing({
      secret: vectors.keys.current,
      previousSecrets: vectors.keys.previous,
    }),
    issuer: vectors.issuer,
    audience: vectors.audience,
  });
  const claims = await verifier.verify(token);
  const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
  expect(claims.sub).toBe(session?.user.id);
  expect(claims.sid).toBe(session?.session.id);
  expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
  const header = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));
  expect(Object.keys(header).sort()).toEqual(["alg", "kid", "typ"]);
});

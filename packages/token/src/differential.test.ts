import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createKeyRing } from "./key-ring.js";
import { deriveKid } from "./kid.js";
import { b64, forge, randomSecret } from "./test/forge.js";
import { createAccessTokenVerifier } from "./verify.js";

// The contract promises that conforming verifiers agree on the outcome AND the reason for every
// input (docs/contract.md). fast-check makes tokens here, near the edges of every decoding and
// claim rule; the same batch goes to the Python verifier (verifiers/fastapi/batch_verify.py, one
// subprocess) and every answer must match the TypeScript one.

const PYTHON = "/usr/bin/python3";
const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../verifiers/fastapi/batch_verify.py",
);
const pythonHere = existsSync(PYTHON);
if (!pythonHere) {
  if (process.env.CI) throw new Error(`${PYTHON} is required in CI`);
  console.warn(`NOTICE: ${PYTHON} is missing; the differential test of the verifiers is SKIPPED.`);
}

const NOW = 1_893_499_200;
const ISSUER = "http://localhost:3000";
const AUDIENCE = "todo-api";
const KEYS = { current: randomSecret(), previous: [randomSecret()], unknown: randomSecret() };
const EMOJI = "\u{1F600}";

/** A JSON value as text, some of it beyond what JSON.stringify would write. */
const numberText = fc.oneof(
  fc.integer({ min: NOW - 5000, max: NOW + 5000 }).map(String),
  fc.constantFrom("1e400", "-0", "1.0", "1.5", "9007199254740993", "9007199254740991.0000001"),
  fc.constantFrom("1.89349914e9", "true", "null", '"1893499140"', "NaN", "Infinity", "[]", "{}"),
  fc.double().map((value) => (Number.isFinite(value) ? JSON.stringify(value) : "0")),
);
const idText = fc
  .oneof(
    fc.constant("user-1"),
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.integer({ min: 250, max: 260 }).map((n) => EMOJI.repeat(n)),
    fc.integer({ min: 250, max: 260 }).map((n) => "\uD800".repeat(n)),
    fc.constant(""),
  )
  .map((value) => JSON.stringify(value));
const depthText = fc
  .oneof(fc.integer({ min: 1, max: 20 }), fc.constant(1000))
  .map((depth) => `${"[".repeat(depth)}"[{"${"]".repeat(depth)}`);

/** `"name":value` in about `percent` of the payloads, absent otherwise. */
const member = (name: string, value: fc.Arbitrary<string>, percent = 90) =>
  fc.oneof(
    { weight: percent, arbitrary: value.map((text) => [`"${name}":${text}`]) },
    { weight: 100 - percent, arbitrary: fc.constant([] as string[]) },
  );

/** `good` most of the time (so that later steps are reached), `other` now and then. */
const usually = <T>(good: T, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: other });

const payloadText = fc
  .record({
    lifetime: usually(900, fc.integer({ min: -10, max: 4000 })),
    iatOffset: usually(-60, fc.integer({ min: -5000, max: 100 })),
    iat: usually<string | null>(null, numberText),
    exp: usually<string | null>(null, numberText),
    nbf: member("nbf", numberText, 20),
    iss: usually(JSON.stringify(ISSUER), fc.constantFrom('"https://elsewhere.test"', "1", "null")),
    aud: usually(
      `"${AUDIENCE}"`,
      fc.constantFrom(`["x","${AUDIENCE}"]`, `[1,"${AUDIENCE}"]`, '"other"', "[]"),
    ),
    sub: usually('"user-1"', idText),
    jti: usually('"j-1"', idText),
    sid: usually('"s-1"', idText),
    email: member("email", fc.oneof(idText, numberText), 30),
    deep: member("deep", depthText, 30),
    duplicate: member("sub", idText, 10),
    bom: fc.boolean().map((yes) => (yes ? "\uFEFF" : "")),
    bomOften: fc.integer({ min: 0, max: 9 }),
  })
  .map((p) => {
    const iat = NOW + p.iatOffset;
    const members = [
      ...p.duplicate,
      `"iss":${p.iss}`,
      `"aud":${p.aud}`,
      `"sub":${p.sub}`,
      `"iat":${p.iat ?? iat}`,
      `"exp":${p.exp ?? iat + p.lifetime}`,
      `"jti":${p.jti}`,
      `"sid":${p.sid}`,
      ...p.nbf,
      ...p.email,
      ...p.deep,
    ];
    return `${p.bomOften === 0 ? p.bom : ""}{${members.join(",")}}`;
  });

const headerText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constant(
      JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: deriveKid(KEYS.current) }),
    ),
  },
  fc.constant(
    JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: deriveKid(KEYS.previous[0] as string) }),
  ),
  fc.constant(
    `\uFEFF${JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: deriveKid(KEYS.current) })}`,
  ),
  fc.constant(`{"alg":"none","alg":"HS256","typ":"at+jwt","kid":"${deriveKid(KEYS.current)}"}`),
  fc.constant(
    `{"alg":"HS256","typ":"at+jwt","kid":"${deriveKid(KEYS.current)}","x":${"[".repeat(999)}${"]".repeat(999)}}`,
  ),
  fc
    .record({
      alg: fc.constantFrom("HS256", "HS512", "none"),
      typ: fc.constantFrom("at+jwt", "JWT"),
      kid: fc.string(),
    })
    .map((h) => JSON.stringify(h)),
);

const bytesOf = (text: string, corrupt: number) => {
  const bytes = Buffer.from(text, "utf8");
  // Now and then a byte that is not UTF-8 where it sits (a lone continuation byte, or an overlong).
  if (corrupt === 1 && bytes.length > 4) bytes[2] = 0x80;
  if (corrupt === 2) return Buffer.concat([bytes, Buffer.from([0xc0, 0xaf])]);
  return bytes;
};

const token = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        header: headerText,
        payload: payloadText,
        key: fc.constantFrom(
          KEYS.current,
          KEYS.current,
          KEYS.current,
          KEYS.previous[0] as string,
          KEYS.unknown,
        ),
        corrupt: fc.integer({ min: 0, max: 20 }),
        suffix: fc.constantFrom("", "", "", "", "=", " "),
      })
      .map(({ header, payload, key, corrupt, suffix }) => {
        const h = b64(bytesOf(header, 0));
        const p = b64(bytesOf(payload, corrupt));
        return `${forge({ header: h, payload: p, secret: key })}${suffix}`;
      }),
  },
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.integer({ min: 4090, max: 4100 }).map((n) => EMOJI.repeat(n / 2) + "a".repeat(n % 2)),
);

type Outcome = { outcome: "valid"; claims: unknown } | { outcome: string; reason: string };

describe.skipIf(!pythonHere)("the TypeScript and Python verifiers", () => {
  it("agree on the outcome and the reason for every generated token", async () => {
    const seed = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 2 ** 31);
    const tokens = fc.sample(token, { numRuns: 1500, seed });
    const keyRing = await createKeyRing({ secret: KEYS.current, previousSecrets: KEYS.previous });
    const verifier = createAccessTokenVerifier({ keyRing, issuer: ISSUER, audience: AUDIENCE });
    const typescript: Outcome[] = tokens.map((value) => {
      const result = verifier.outcome(value, NOW * 1000);
      return typeof result === "string"
        ? { outcome: "invalid", reason: result }
        : { outcome: "valid", claims: JSON.parse(JSON.stringify(result)) };
    });
    const batch = {
      keys: { current: KEYS.current, previous: KEYS.previous },
      issuer: ISSUER,
      audience: AUDIENCE,
      cases: tokens.map((value) => ({ token: value, now: NOW })),
    };
    const run = spawnSync(PYTHON, [SCRIPT], {
      input: JSON.stringify(batch),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const python = JSON.parse(run.stdout) as Outcome[];
    expect(python).toHaveLength(tokens.length);
    const disagreements = tokens
      .map((value, i) => ({ token: value, typescript: typescript[i], python: python[i] }))
      .filter((entry) => JSON.stringify(entry.typescript) !== JSON.stringify(entry.python));
    expect(disagreements.slice(0, 3), `seed ${seed}`).toEqual([]);
    // The batch reached every kind of outcome, not only early refusals.
    const reasons = new Set(typescript.map((o) => ("reason" in o ? o.reason : o.outcome)));
    for (const expected of [
      "valid",
      "malformed",
      "header",
      "signature",
      "claims",
      "issuer",
      "audience",
      "lifetime",
    ]) {
      expect(reasons, `seed ${seed}`).toContain(expected);
    }
  });
});

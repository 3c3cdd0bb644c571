import { CLOCK_LEEWAY_SECONDS, MAX_TOKEN_LENGTH, MAX_TTL_SECONDS } from "../contract.js";
import type { TokenFailureReason } from "../errors.js";
import { deriveKid } from "../kid.js";
import { addDecodingVectors } from "./decoding-vectors.js";
import { b64, b64json, forge, hmac, signAsymmetric } from "./forge.js";

/**
 * The conformance vectors of contract v1 (docs/contract.md), built by hand with the forge: every
 * expectation below is written from the contract's rules, not read back from the verifier. The
 * generator checks the TypeScript verifier agrees before it writes packages/token/vectors/v1.json.
 */

/** The order in which the contract checks a token; the first failing step gives the reason. */
const REASON_ORDER: readonly TokenFailureReason[] = [
  "oversized",
  "malformed",
  "header",
  "unknown_kid",
  "signature",
  "claims",
  "issuer",
  "audience",
  "lifetime",
  "issued_in_future",
  "expired",
  "not_yet_valid",
];

interface VectorClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  sid: string;
  email?: string;
  name?: string;
}

interface CaseBase {
  name: string;
  description: string;
  token: string;
  now: number;
}
export type VectorCase =
  | (CaseBase & { expect: "valid"; claims: VectorClaims })
  | (CaseBase & { expect: "invalid"; reason: TokenFailureReason });

export interface VectorFile {
  contract: string;
  description: string;
  keys: { current: string; previous: string[]; betterAuthSecret: string };
  issuer: string;
  audience: string;
  now: number;
  clockLeewaySeconds: number;
  maxTtlSeconds: number;
  maxTokenLength: number;
  reasonOrder: readonly TokenFailureReason[];
  cases: VectorCase[];
}

// Test keys only: random once, fixed here so the file is reproducible. Never use them anywhere else.
const KEYS = {
  current: "zzhJRzhWjE4pd9TmAhV1pRoWq6qDGdk9NI9gju32RY8",
  previous: ["pk1hs-FV4Htbvqs4h9vidhseogyYiu0Ss7fL77Fl0qw"],
  betterAuthSecret: "Y51O-jc2WL5zb80YpuYszW41tOWth4CQI-_6mYhFGsI",
};
const PREVIOUS = KEYS.previous[0] as string;
const ISSUER = "http://localhost:3000";
const AUDIENCE = "todo-api";
/** 2030-01-01T12:00:00Z */
const NOW = 1_893_499_200;

const HEADER = { alg: "HS256", typ: "at+jwt", kid: deriveKid(KEYS.current) };
const CLAIMS = {
  iss: ISSUER,
  aud: AUDIENCE,
  sub: "user-vector-1",
  iat: NOW - 60,
  exp: NOW - 60 + 900,
  jti: "jti-vector-0001",
  sid: "session-vector-1",
};

type Json = Record<string, unknown>;
const sign = (header: Json | string, payload: Json | string, secret = KEYS.current) =>
  forge({ header, payload, secret });
const withClaims = (change: Json) => sign(HEADER, { ...CLAIMS, ...change });
const withHeader = (change: Json) => sign({ ...HEADER, ...change }, CLAIMS);
const without = (object: Json, name: string) => {
  const copy = { ...object };
  delete copy[name];
  return copy;
};
const segments = (token: string) => token.split(".") as [string, string, string];
/** An HMAC-sized (43 characters) signature for a header that names another algorithm. */
const hmacSized = (header: Json, payload: Json = CLAIMS) =>
  `${b64json(header)}.${b64json(payload)}.${hmac("sha256", KEYS.current, `${b64json(header)}.${b64json(payload)}`)}`;

export function buildVectors(): VectorFile {
  const cases: VectorCase[] = [];
  const valid = (name: string, description: string, token: string, claims: Json = {}) =>
    cases.push({
      name,
      description,
      token,
      now: NOW,
      expect: "valid",
      claims: { ...CLAIMS, ...claims } as VectorClaims,
    });
  const invalid = (name: string, description: string, token: string, reason: TokenFailureReason) =>
    cases.push({ name, description, token, now: NOW, expect: "invalid", reason });

  // ---- valid tokens ----
  valid(
    "valid/current-key",
    "The contract's header and claims, signed with JWT_SECRET.",
    sign(HEADER, CLAIMS),
  );
  valid(
    "valid/previous-key",
    "Signed with a secret from JWT_PREVIOUS_SECRETS, with that secret's kid.",
    sign({ ...HEADER, kid: deriveKid(PREVIOUS) }, CLAIMS, PREVIOUS),
  );
  valid(
    "valid/email-and-name",
    "The optional display claims are returned.",
    withClaims({ email: "ann@example.test", name: "Ann" }),
    { email: "ann@example.test", name: "Ann" },
  );
  valid(
    "valid/extra-claims-ignored",
    "Claims the contract does not name are ignored and not returned.",
    withClaims({ scope: "admin", roles: ["admin"] }),
  );
  valid(
    "valid/exp-inside-leeway",
    "exp = now - 29: expired by the clock, inside the 30 s leeway.",
    withClaims({ iat: NOW - 929, exp: NOW - 29 }),
    { iat: NOW - 929, exp: NOW - 29 },
  );
  valid(
    "valid/iat-future-at-leeway",
    "iat = now + 30: in the future by exactly the leeway.",
    withClaims({ iat: NOW + 30, exp: NOW + 930 }),
    { iat: NOW + 30, exp: NOW + 930 },
  );
  valid(
    "valid/nbf-at-leeway",
    "nbf = now + 30: not yet valid by exactly the leeway.",
    withClaims({ nbf: NOW + 30 }),
  );
  valid("valid/nbf-past", "nbf in the past.", withClaims({ nbf: NOW - 60 }));
  valid(
    "valid/lifetime-at-cap",
    `exp - iat = ${MAX_TTL_SECONDS}, the longest lifetime allowed.`,
    withClaims({ exp: NOW - 60 + MAX_TTL_SECONDS }),
    { exp: NOW - 60 + MAX_TTL_SECONDS },
  );
  valid(
    "valid/aud-array",
    "aud as an array of strings that contains the audience; the verifier returns the audience.",
    withClaims({ aud: ["other-api", AUDIENCE] }),
  );
  valid(
    "valid/id-claims-255",
    "sub, jti and sid of 255 characters, the longest allowed.",
    withClaims({ sub: "u".repeat(255), jti: "j".repeat(255), sid: "s".repeat(255) }),
    { sub: "u".repeat(255), jti: "j".repeat(255), sid: "s".repeat(255) },
  );
  valid(
    "valid/integer-in-exponent-form",
    "iat written as 1.89349914e9: JSON numbers have no integer type, the value is an integer.",
    sign(HEADER, b64(JSON.stringify(CLAIMS).replace(`"iat":${NOW - 60}`, `"iat":1.89349914e9`))),
  );

  // ---- step 1: size ----
  invalid(
    "oversized/long-claim",
    `Longer than ${MAX_TOKEN_LENGTH} characters, refused before decoding.`,
    withClaims({ pad: "x".repeat(MAX_TOKEN_LENGTH) }),
    "oversized",
  );
  invalid(
    "oversized/garbage",
    "Length is checked first: 5000 characters of garbage.",
    "a".repeat(5000),
    "oversized",
  );

  // ---- step 2: compact form ----
  const good = sign(HEADER, CLAIMS);
  const [h, p, s] = segments(good);
  invalid("malformed/empty", "An empty string.", "", "malformed");
  invalid(
    "malformed/two-segments",
    "header.payload without a signature segment.",
    `${h}.${p}`,
    "malformed",
  );
  invalid("malformed/four-segments", "An extra segment.", `${good}.${s}`, "malformed");
  invalid(
    "malformed/jwe-five-segments",
    "A JWE (five segments, alg dir), never accepted.",
    `${b64json({ alg: "dir", enc: "A256GCM", typ: "at+jwt", kid: HEADER.kid })}..${b64("iv-iv-iv-iv-")}.${b64("ciphertext")}.${b64("tag-tag-tag-tag-")}`,
    "malformed",
  );
  invalid(
    "malformed/padded-signature",
    "The signature with '=' padding appended.",
    `${good}=`,
    "malformed",
  );
  invalid(
    "malformed/padded-header",
    "A header segment with '=' padding, signed over as is.",
    sign(`${h}=`, p),
    "malformed",
  );
  invalid(
    "malformed/space-inside",
    "Whitespace inside the payload segment.",
    `${h}.${p.slice(0, 10)} ${p.slice(10)}.${s}`,
    "malformed",
  );
  invalid("malformed/trailing-newline", "A newline after the token.", `${good}\n`, "malformed");
  invalid("malformed/leading-space", "A space before the token.", ` ${good}`, "malformed");
  const urlSafe = b64json({ ...CLAIMS, sub: "??>>??~~" });
  if (!/[-_]/.test(urlSafe)) throw new Error("the standard-base64 vector needs a '-' or '_'");
  invalid(
    "malformed/standard-base64",
    "'+' and '/' (standard base64) instead of '-' and '_', signed over as is.",
    sign(h, urlSafe.replace(/-/g, "+").replace(/_/g, "/")),
    "malformed",
  );
  const lastChar = s.at(-1) as string;
  const sibling = "AEIMQUYcgkosw048".includes(lastChar)
    ? String.fromCharCode(lastChar.charCodeAt(0) + 1)
    : lastChar;
  invalid(
    "malformed/non-canonical-signature",
    "The last signature character changed in bits the decoder ignores: same bytes, other text.",
    `${h}.${p}.${s.slice(0, -1)}${sibling}`,
    "malformed",
  );
  invalid(
    "malformed/non-canonical-header",
    "A header segment with one character too many (length % 4 = 1), signed over as is.",
    sign(`${h}A`, p),
    "malformed",
  );
  invalid(
    "malformed/empty-signature",
    "A correct header and payload with an empty signature.",
    `${h}.${p}.`,
    "malformed",
  );
  invalid(
    "malformed/short-signature",
    "A signature of 42 characters.",
    `${h}.${p}.${s.slice(0, 42)}`,
    "malformed",
  );
  invalid(
    "malformed/hs512-full-signature",
    "alg HS512 with its full 86-character HMAC: the signature is not HS256-sized.",
    forge({
      header: { ...HEADER, alg: "HS512" },
      payload: CLAIMS,
      secret: KEYS.current,
      algorithm: "sha512",
    }),
    "malformed",
  );
  invalid(
    "malformed/hs384-full-signature",
    "alg HS384 with its full 64-character HMAC.",
    forge({
      header: { ...HEADER, alg: "HS384" },
      payload: CLAIMS,
      secret: KEYS.current,
      algorithm: "sha384",
    }),
    "malformed",
  );
  for (const alg of ["RS256", "ES256", "PS256", "EdDSA"] as const) {
    invalid(
      `malformed/${alg.toLowerCase()}-signature`,
      `A genuine ${alg} token with the contract's claims: its signature is not HS256-sized (randomised at each generation).`,
      signAsymmetric(alg, { ...HEADER, alg }, CLAIMS),
      "malformed",
    );
  }
  invalid(
    "malformed/alg-none-empty-signature",
    "alg none with an empty signature.",
    `${b64json({ ...HEADER, alg: "none" })}.${p}.`,
    "malformed",
  );
  invalid(
    "malformed/header-not-json",
    "A header that is not JSON.",
    sign(b64("{alg:HS256}"), p),
    "malformed",
  );
  invalid(
    "malformed/header-array",
    "A header that is a JSON array.",
    sign(b64json(["HS256"]), p),
    "malformed",
  );
  invalid(
    "malformed/header-not-utf8",
    "A header that is not UTF-8.",
    sign(b64(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), p),
    "malformed",
  );
  invalid(
    "malformed/payload-not-json",
    "A payload that is not JSON.",
    sign(h, b64("sub=victim")),
    "malformed",
  );
  invalid(
    "malformed/payload-array",
    "A payload that is a JSON array.",
    sign(h, b64json([CLAIMS])),
    "malformed",
  );
  invalid(
    "malformed/payload-null",
    "A payload that is JSON null.",
    sign(h, b64json(null)),
    "malformed",
  );
  invalid(
    "malformed/payload-nan",
    "A payload with NaN, which is not JSON (some parsers accept it).",
    sign(h, b64(JSON.stringify(CLAIMS).replace(`"exp":${CLAIMS.exp}`, `"exp":NaN`))),
    "malformed",
  );

  // ---- step 3: header ----
  for (const alg of [
    "none",
    "None",
    "RS256",
    "ES256",
    "PS256",
    "EdDSA",
    "HS384",
    "HS512",
    "hs256",
  ]) {
    invalid(
      `header/alg-${alg}`,
      `alg ${alg} with an HS256-sized signature (HMAC-SHA256 with JWT_SECRET, or any 43 characters).`,
      hmacSized({ ...HEADER, alg }),
      "header",
    );
  }
  invalid(
    "header/hs512-truncated",
    "alg HS512, its HMAC truncated to 32 bytes (43 characters).",
    (() => {
      const input = `${b64json({ ...HEADER, alg: "HS512" })}.${p}`;
      const mac = Buffer.from(hmac("sha512", KEYS.current, input), "base64url").subarray(0, 32);
      return `${input}.${b64(mac)}`;
    })(),
    "header",
  );
  invalid("header/alg-missing", "No alg member.", sign(without(HEADER, "alg"), CLAIMS), "header");
  invalid("header/typ-missing", "No typ member.", sign(without(HEADER, "typ"), CLAIMS), "header");
  invalid(
    "header/typ-JWT",
    "typ JWT (what Better Auth and most libraries write).",
    withHeader({ typ: "JWT" }),
    "header",
  );
  invalid(
    "header/typ-application-at+jwt",
    "typ application/at+jwt: the contract wants exactly at+jwt.",
    withHeader({ typ: "application/at+jwt" }),
    "header",
  );
  invalid("header/typ-uppercase", "typ AT+JWT.", withHeader({ typ: "AT+JWT" }), "header");
  invalid("header/kid-missing", "No kid member.", sign(without(HEADER, "kid"), CLAIMS), "header");
  invalid("header/kid-number", "kid as a number.", withHeader({ kid: 1 }), "header");
  for (const [member, value] of [
    ["jku", "https://attacker.example/jwks.json"],
    ["jwk", { kty: "oct", k: b64("attacker") }],
    ["x5u", "https://attacker.example/cert.pem"],
    ["x5c", ["MIIB"]],
    ["crit", ["exp"]],
    ["b64", false],
    ["zip", "DEF"],
    ["cty", "JWT"],
  ] as const) {
    invalid(
      `header/extra-${member}`,
      `An extra ${member} header member.`,
      withHeader({ [member]: value }),
      "header",
    );
  }
  invalid(
    "header/extra-__proto__",
    "An extra __proto__ member in the header JSON.",
    sign(
      b64(`{"alg":"HS256","typ":"at+jwt","kid":"${HEADER.kid}","__proto__":{"alg":"none"}}`),
      CLAIMS,
    ),
    "header",
  );
  invalid(
    "header/better-auth-hs256-jwt",
    "An HS256 JWT as Better Auth signs its own (typ JWT, no kid), with BETTER_AUTH_SECRET.",
    sign({ alg: "HS256", typ: "JWT" }, { ...CLAIMS }, KEYS.betterAuthSecret),
    "header",
  );

  // ---- step 4: kid ----
  invalid(
    "unknown_kid/random",
    "A kid of no configured secret.",
    withHeader({ kid: "AAAAAAAAAAAAAAAA" }),
    "unknown_kid",
  );
  invalid("unknown_kid/empty", "An empty kid.", withHeader({ kid: "" }), "unknown_kid");
  for (const kid of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    invalid(
      `unknown_kid/${kid}`,
      `kid "${kid}": an inherited member of a plain object must find nothing.`,
      withHeader({ kid }),
      "unknown_kid",
    );
  }
  invalid(
    "unknown_kid/better-auth-secret",
    "Dressed as an access token, signed with BETTER_AUTH_SECRET and carrying its kid.",
    sign({ ...HEADER, kid: deriveKid(KEYS.betterAuthSecret) }, CLAIMS, KEYS.betterAuthSecret),
    "unknown_kid",
  );
  invalid(
    "unknown_kid/case-changed",
    "The current kid in upper case.",
    withHeader({
      kid:
        HEADER.kid.toUpperCase() === HEADER.kid
          ? HEADER.kid.toLowerCase()
          : HEADER.kid.toUpperCase(),
    }),
    "unknown_kid",
  );

  // ---- step 5: signature ----
  invalid(
    "signature/other-secret",
    "Signed with a secret not in the ring, the current kid copied.",
    sign(HEADER, CLAIMS, "another-32-character-random-key-0123456789"),
    "signature",
  );
  invalid(
    "signature/better-auth-secret",
    "The contract's header and current kid, signed with BETTER_AUTH_SECRET.",
    sign(HEADER, CLAIMS, KEYS.betterAuthSecret),
    "signature",
  );
  invalid(
    "signature/previous-kid-current-secret",
    "The previous secret's kid, signed with the current secret.",
    sign({ ...HEADER, kid: deriveKid(PREVIOUS) }, CLAIMS),
    "signature",
  );
  invalid(
    "signature/payload-tampered",
    "sub changed after signing.",
    `${h}.${b64json({ ...CLAIMS, sub: "admin" })}.${s}`,
    "signature",
  );
  invalid(
    "signature/header-swapped",
    "Another key's header over the current key's signature.",
    `${b64json({ ...HEADER, kid: deriveKid(PREVIOUS) })}.${p}.${s}`,
    "signature",
  );
  invalid(
    "signature/other-key-hmac-of-public-key",
    "RS256-to-HS256 confusion: HMAC keyed with a public key PEM.",
    sign(
      HEADER,
      CLAIMS,
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n",
    ),
    "signature",
  );

  // ---- step 6: claim presence and types ----
  const claimTypes: Array<[string, string, unknown]> = [
    ["sub-missing", "sub", undefined],
    ["sub-number", "sub", 1],
    ["sub-empty", "sub", ""],
    ["sub-null", "sub", null],
    ["sub-object", "sub", { $ne: null }],
    ["sub-array", "sub", ["user-vector-1"]],
    ["sub-too-long", "sub", "u".repeat(256)],
    ["jti-missing", "jti", undefined],
    ["jti-number", "jti", 1],
    ["jti-empty", "jti", ""],
    ["jti-too-long", "jti", "j".repeat(256)],
    ["sid-missing", "sid", undefined],
    ["sid-number", "sid", 1],
    ["sid-empty", "sid", ""],
    ["sid-null", "sid", null],
    ["sid-array", "sid", ["s"]],
    ["sid-too-long", "sid", "s".repeat(256)],
    ["iat-missing", "iat", undefined],
    ["iat-string", "iat", String(NOW - 60)],
    ["iat-float", "iat", NOW - 60.5],
    ["iat-huge", "iat", 1e20],
    ["iat-beyond-safe-integer", "iat", 2 ** 53],
    ["iat-boolean", "iat", true],
    ["iat-null", "iat", null],
    ["exp-missing", "exp", undefined],
    ["exp-string", "exp", String(CLAIMS.exp)],
    ["exp-float", "exp", CLAIMS.exp + 0.5],
    ["exp-huge", "exp", 1e300],
    ["nbf-string", "nbf", String(NOW - 60)],
    ["nbf-float", "nbf", NOW - 60.5],
    ["nbf-null", "nbf", null],
    ["email-array", "email", ["ann@example.test"]],
    ["name-object", "name", { first: "Ann" }],
  ];
  for (const [name, claim, value] of claimTypes) {
    invalid(
      `claims/${name}`,
      `${claim} = ${JSON.stringify(value) ?? "(absent)"}.`,
      withClaims({ [claim]: value }),
      "claims",
    );
  }

  // ---- step 7: issuer ----
  for (const [name, value] of [
    ["missing", undefined],
    ["number", 1],
    ["other", "https://evil.example"],
    ["trailing-slash", `${ISSUER}/`],
    ["case-changed", ISSUER.toUpperCase()],
    ["array", [ISSUER]],
    ["empty", ""],
  ] as const) {
    invalid(
      `issuer/${name}`,
      `iss = ${JSON.stringify(value) ?? "(absent)"}.`,
      withClaims({ iss: value }),
      "issuer",
    );
  }

  // ---- step 8: audience ----
  for (const [name, value] of [
    ["missing", undefined],
    ["number", 1],
    ["other", "other-api"],
    ["empty", ""],
    ["array-without", ["other-api"]],
    ["array-empty", []],
    ["array-with-number", [AUDIENCE, 1]],
    ["object", { aud: AUDIENCE }],
  ] as const) {
    invalid(
      `audience/${name}`,
      `aud = ${JSON.stringify(value) ?? "(absent)"}.`,
      withClaims({ aud: value }),
      "audience",
    );
  }

  // ---- step 9: lifetime ----
  invalid(
    "lifetime/over-cap",
    `exp - iat = ${MAX_TTL_SECONDS + 1}.`,
    withClaims({ exp: NOW - 60 + MAX_TTL_SECONDS + 1 }),
    "lifetime",
  );
  invalid("lifetime/exp-equals-iat", "exp = iat.", withClaims({ iat: NOW, exp: NOW }), "lifetime");
  invalid(
    "lifetime/exp-before-iat",
    "exp < iat.",
    withClaims({ iat: NOW, exp: NOW - 1 }),
    "lifetime",
  );
  invalid(
    "lifetime/a-day",
    "A day-long token, still within its exp.",
    withClaims({ iat: NOW - 60, exp: NOW + 86_400 }),
    "lifetime",
  );

  // ---- steps 10 to 12: the clock ----
  invalid(
    "issued_in_future/iat-plus-31",
    "iat = now + 31: one second beyond the leeway.",
    withClaims({ iat: NOW + 31, exp: NOW + 931 }),
    "issued_in_future",
  );
  invalid(
    "expired/exp-minus-30",
    "exp = now - 30: the leeway boundary is expired.",
    withClaims({ iat: NOW - 930, exp: NOW - 30 }),
    "expired",
  );
  invalid(
    "expired/exp-minus-31",
    "exp = now - 31.",
    withClaims({ iat: NOW - 931, exp: NOW - 31 }),
    "expired",
  );
  invalid(
    "expired/long-ago",
    "A token from a year before now.",
    withClaims({ iat: NOW - 31_536_000, exp: NOW - 31_536_000 + 900 }),
    "expired",
  );
  invalid(
    "not_yet_valid/nbf-plus-31",
    "nbf = now + 31.",
    withClaims({ nbf: NOW + 31 }),
    "not_yet_valid",
  );

  // ---- the order: tokens that break several rules ----
  invalid(
    "order/oversized-before-malformed",
    "Too long and not three segments: oversized.",
    `${"a.".repeat(2100)}a`,
    "oversized",
  );
  invalid(
    "order/malformed-before-header",
    "alg none and an empty signature: malformed (step 2) before header (step 3).",
    `${b64json({ alg: "none" })}.${p}.`,
    "malformed",
  );
  invalid(
    "order/header-before-kid",
    "typ JWT and an unknown kid: header.",
    withHeader({ typ: "JWT", kid: "constructor" }),
    "header",
  );
  invalid(
    "order/kid-before-signature",
    "An unknown kid and a wrong signature: unknown_kid.",
    sign({ ...HEADER, kid: "nope" }, CLAIMS, "another-32-character-random-key-0123456789"),
    "unknown_kid",
  );
  invalid(
    "order/signature-before-claims",
    "A wrong signature over claims without sub: signature.",
    sign(HEADER, without(CLAIMS, "sub"), KEYS.betterAuthSecret),
    "signature",
  );
  invalid(
    "order/claims-before-issuer",
    "sub a number and a foreign issuer: claims.",
    withClaims({ sub: 7, iss: "https://evil.example" }),
    "claims",
  );
  invalid(
    "order/issuer-before-audience",
    "Foreign issuer and audience: issuer.",
    withClaims({ iss: "https://evil.example", aud: "other-api" }),
    "issuer",
  );
  invalid(
    "order/audience-before-lifetime",
    "Foreign audience and a day-long lifetime: audience.",
    withClaims({ aud: "other-api", exp: NOW + 86_400 }),
    "audience",
  );
  invalid(
    "order/lifetime-before-clock",
    "Lifetime over the cap and expired: lifetime.",
    withClaims({ iat: NOW - 10_000, exp: NOW - 5_000 }),
    "lifetime",
  );
  invalid(
    "order/issued_in_future-before-not_yet_valid",
    "iat and nbf both beyond the leeway: issued_in_future.",
    withClaims({ iat: NOW + 60, exp: NOW + 960, nbf: NOW + 60 }),
    "issued_in_future",
  );
  invalid(
    "order/expired-before-not_yet_valid",
    "Expired, with an nbf in the future: expired.",
    withClaims({ iat: NOW - 930, exp: NOW - 31, nbf: NOW + 31 }),
    "expired",
  );

  addDecodingVectors({
    claims: CLAIMS,
    header: b64json(HEADER),
    sign: (header, payload) => sign(header, payload),
    signElsewhere: (header, payload) => sign(header, payload, KEYS.betterAuthSecret),
    valid,
    invalid,
  });

  return {
    contract: "access-token v1",
    description:
      "Conformance vectors of the access-token contract (docs/contract.md). Generated by `npm run vectors` from packages/token; do not edit by hand.",
    keys: KEYS,
    issuer: ISSUER,
    audience: AUDIENCE,
    now: NOW,
    clockLeewaySeconds: CLOCK_LEEWAY_SECONDS,
    maxTtlSeconds: MAX_TTL_SECONDS,
    maxTokenLength: MAX_TOKEN_LENGTH,
    reasonOrder: REASON_ORDER,
    cases,
  };
}

import { describe, expect, it } from "vitest";
import { TokenVerificationError } from "./errors.js";
import { createKeyRing } from "./key-ring.js";
import { createAccessTokenIssuer } from "./mint.js";
import {
  asymmetric,
  b64,
  b64json,
  forge,
  hmac,
  kidOf,
  randomSecret,
  signAsymmetric,
} from "./test/forge.js";
import { createAccessTokenVerifier } from "./verify.js";

// Every process warning this file's key rings, verifiers and issuers cause (checked last).
const warnings: string[] = [];
process.on("warning", (warning) => warnings.push(`${warning.name}: ${warning.message}`));

const ISSUER = "http://localhost:3000";
const AUDIENCE = "todo-api";
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const NOW_S = NOW / 1000;

async function setup(previous: string[] = []) {
  const secret = randomSecret();
  const keyRing = await createKeyRing({ secret, previousSecrets: previous });
  const verifier = createAccessTokenVerifier({ keyRing, issuer: ISSUER, audience: AUDIENCE });
  const issuer = createAccessTokenIssuer({ keyRing, issuer: ISSUER, audience: AUDIENCE });
  const header = { alg: "HS256", typ: "at+jwt", kid: kidOf(secret) };
  const claims = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: "user-123",
    iat: NOW_S - 60,
    exp: NOW_S + 840,
    jti: "6f1c8e7a-0f0e-4c43-9d6a-0c7f0f3d6f3b",
    sid: "session-456",
  };
  return { secret, keyRing, verifier, issuer, header, claims };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TokenVerificationError);
    return (error as TokenVerificationError).reason;
  }
  throw new Error("the token was accepted");
}

describe("verifyAccessToken accepts", () => {
  it("a token minted by the issuer, returning exactly the contract's claims", async () => {
    const { issuer, verifier } = await setup();
    const minted = await issuer.mint({ sub: "u1", sid: "s1", email: "a@b.c", name: "Ann" }, NOW);
    const claims = await verifier.verify(minted.token, NOW);
    expect(claims).toEqual(minted.claims);
    expect(Object.keys(claims).sort()).toEqual(
      ["aud", "email", "exp", "iat", "iss", "jti", "name", "sid", "sub"].sort(),
    );
  });

  it("a hand-forged token that follows the contract (so the forge itself is right)", async () => {
    const { secret, verifier, header, claims } = await setup();
    const result = await verifier.verify(forge({ header, payload: claims, secret }), NOW);
    expect(result.sub).toBe("user-123");
  });

  it("an expired token still inside the 30 s leeway", async () => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: { ...claims, exp: NOW_S - 29 }, secret });
    await expect(verifier.verify(token, NOW)).resolves.toBeDefined();
  });

  it("an iat up to 30 s in the future (clock skew)", async () => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({
      header,
      payload: { ...claims, iat: NOW_S + 30, exp: NOW_S + 900 },
      secret,
    });
    await expect(verifier.verify(token, NOW)).resolves.toBeDefined();
  });

  it("a token signed with a previous secret while it is in JWT_PREVIOUS_SECRETS", async () => {
    const old = randomSecret();
    const { verifier, header, claims } = await setup([old]);
    const token = forge({ header: { ...header, kid: kidOf(old) }, payload: claims, secret: old });
    await expect(verifier.verify(token, NOW)).resolves.toBeDefined();
  });

  it("an audience array that contains ours", async () => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: { ...claims, aud: ["other", AUDIENCE] }, secret });
    await expect(verifier.verify(token, NOW)).resolves.toBeDefined();
  });
});

describe("verifyAccessToken rejects the alg attacks", () => {
  it.each(["none", "None", "NONE", "nOnE"])(
    "alg %s with an empty or a garbage signature",
    async (alg) => {
      const { verifier, header, claims } = await setup();
      const unsigned = `${b64json({ ...header, alg })}.${b64json(claims)}`;
      expect(await reason(verifier.verify(`${unsigned}.`, NOW))).toBe("malformed");
      expect(await reason(verifier.verify(unsigned, NOW))).toBe("malformed");
      const garbage = `${unsigned}.${b64("x".repeat(32))}`;
      expect(await reason(verifier.verify(garbage, NOW))).toBe("header");
    },
  );

  it.each([
    ["HS384", "sha384"],
    ["HS512", "sha512"],
  ] as const)("%s signed with the same secret", async (alg, algorithm) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header: { ...header, alg }, payload: claims, secret, algorithm });
    expect(await reason(verifier.verify(token, NOW))).toMatch(/malformed|header/);
  });

  it("HS384/HS512 truncated to 43 characters", async () => {
    const { secret, verifier, header, claims } = await setup();
    const h = b64json({ ...header, alg: "HS512" });
    const p = b64json(claims);
    const token = `${h}.${p}.${hmac("sha512", secret, `${h}.${p}`).slice(0, 43)}`;
    expect(await reason(verifier.verify(token, NOW))).toMatch(/malformed|header/);
  });

  it.each(["RS256", "ES256", "EdDSA", "PS256"] as const)("an %s token", async (alg) => {
    const { verifier, header, claims } = await setup();
    const token = signAsymmetric(alg, { ...header, alg }, claims);
    expect(await reason(verifier.verify(token, NOW))).toMatch(/malformed|header/);
  });

  it("RS256 to HS256 key confusion: HMAC keyed with a public key PEM", async () => {
    const { verifier, header, claims } = await setup();
    const pem = asymmetric("rsa").publicKey.export({ type: "spki", format: "pem" }).toString();
    const token = forge({ header, payload: claims, secret: pem });
    expect(await reason(verifier.verify(token, NOW))).toBe("signature");
  });
});

describe("verifyAccessToken rejects header tricks", () => {
  const jwk = { kty: "oct", k: b64("attacker-key-attacker-key-attacker-key") };
  it.each([
    ["an embedded jwk", { jwk }],
    ["a jku URL", { jku: "http://127.0.0.1:9/keys.json" }],
    ["an x5u URL", { x5u: "http://127.0.0.1:9/cert.pem" }],
    ["an x5c chain", { x5c: ["MIIB"] }],
    ["crit", { crit: ["exp"] }],
    ["b64 false", { b64: false }],
    ["cty", { cty: "JWT" }],
    ["zip", { zip: "DEF" }],
  ])("%s", async (_label, extra) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header: { ...header, ...extra }, payload: claims, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("header");
  });

  it.each(["JWT", "jwt", "at+JWT", "application/at+jwt", "", undefined, 1])(
    "typ %j",
    async (typ) => {
      const { secret, verifier, header, claims } = await setup();
      const token = forge({ header: { ...header, typ }, payload: claims, secret });
      expect(await reason(verifier.verify(token, NOW))).toBe("header");
    },
  );

  it.each([
    "../../etc/passwd",
    "/dev/null",
    "' OR 1=1 --",
    "constructor",
    "__proto__",
    "toString",
    "hasOwnProperty",
    "",
  ])("kid %j", async (kid) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header: { ...header, kid }, payload: claims, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("unknown_kid");
  });

  it.each([42, null, { a: 1 }, ["x"]])("kid of the wrong type %j", async (kid) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header: { ...header, kid }, payload: claims, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("header");
  });

  it("a missing kid", async () => {
    const { secret, verifier, claims } = await setup();
    const token = forge({ header: { alg: "HS256", typ: "at+jwt" }, payload: claims, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("header");
  });

  it("a __proto__ member in the header", async () => {
    const { secret, verifier, header, claims } = await setup();
    const raw = JSON.stringify(header).replace("{", '{"__proto__":{"alg":"none"},');
    const token = forge({ header: b64(raw), payload: claims, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("header");
  });
});

describe("verifyAccessToken rejects signature tricks", () => {
  it("a signature from a secret not in the ring, with a valid kid copied over", async () => {
    const { verifier, header, claims } = await setup();
    const token = forge({ header, payload: claims, secret: randomSecret() });
    expect(await reason(verifier.verify(token, NOW))).toBe("signature");
  });

  it("a token signed with a previous secret after it was dropped", async () => {
    const old = randomSecret();
    const { verifier, header, claims } = await setup();
    const token = forge({ header: { ...header, kid: kidOf(old) }, payload: claims, secret: old });
    expect(await reason(verifier.verify(token, NOW))).toBe("unknown_kid");
  });

  it("a tampered payload with the original signature", async () => {
    const { secret, verifier, header, claims } = await setup();
    const [h, , s] = forge({ header, payload: claims, secret }).split(".");
    const evil = `${h}.${b64json({ ...claims, sub: "admin" })}.${s}`;
    expect(await reason(verifier.verify(evil, NOW))).toBe("signature");
  });

  it("a header swapped in from another token", async () => {
    const { secret, verifier, header, claims } = await setup();
    const [, p, s] = forge({ header, payload: claims, secret }).split(".");
    const otherHeader = b64json({ typ: "at+jwt", alg: "HS256", kid: header.kid });
    expect(await reason(verifier.verify(`${otherHeader}.${p}.${s}`, NOW))).toBe("signature");
  });

  it("an empty or truncated signature", async () => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: claims, secret });
    const [h, p, s = ""] = token.split(".");
    expect(await reason(verifier.verify(`${h}.${p}.`, NOW))).toBe("malformed");
    expect(await reason(verifier.verify(`${h}.${p}.${s.slice(0, 42)}`, NOW))).toBe("malformed");
    expect(await reason(verifier.verify(`${h}.${p}.${s.slice(0, 20)}`, NOW))).toBe("malformed");
  });

  it.each([
    ["= appended", (t: string) => `${t}=`],
    ["== appended", (t: string) => `${t}==`],
    ["a trailing newline", (t: string) => `${t}\n`],
    ["a leading space", (t: string) => ` ${t}`],
    ["a space inside the signature", (t: string) => `${t.slice(0, -10)} ${t.slice(-10)}`],
    ["a tab inside the payload", (t: string) => t.replace(".", ".\t")],
    ["standard base64 characters", (t: string) => `${t.slice(0, -1)}+`],
  ])("a signature with %s", async (_label, mutate) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: claims, secret });
    expect(await reason(verifier.verify(mutate(token), NOW))).toBe("malformed");
  });

  it("a non-canonical signature encoding (same bytes, different last character)", async () => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: claims, secret });
    const last = token.at(-1) ?? "A";
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const index = alphabet.indexOf(last);
    // 43 characters carry 258 bits for 256: the last character's two low bits must be zero.
    const sibling = alphabet[index ^ 1] ?? "A";
    const mutated = `${token.slice(0, -1)}${sibling}`;
    expect(Buffer.from(mutated.split(".")[2] ?? "", "base64url")).toEqual(
      Buffer.from(token.split(".")[2] ?? "", "base64url"),
    );
    expect(await reason(verifier.verify(mutated, NOW))).toBe("malformed");
  });
});

describe("verifyAccessToken rejects time-claim edges", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["expired beyond the leeway", { exp: NOW_S - 31, iat: NOW_S - 900 }, "expired"],
    ["exp equal to now minus 30 s", { exp: NOW_S - 30, iat: NOW_S - 900 }, "expired"],
    ["nbf in the future beyond the leeway", { nbf: NOW_S + 31 }, "not_yet_valid"],
    [
      "iat in the future beyond the leeway",
      { iat: NOW_S + 31, exp: NOW_S + 900 },
      "issued_in_future",
    ],
    ["a lifetime longer than 3600 s", { iat: NOW_S - 10, exp: NOW_S - 10 + 3601 }, "lifetime"],
    ["exp before iat", { iat: NOW_S, exp: NOW_S - 1 }, "lifetime"],
    ["exp equal to iat", { iat: NOW_S, exp: NOW_S }, "lifetime"],
    ["an iat older than the maximum lifetime", { iat: NOW_S - 4000, exp: NOW_S + 100 }, "lifetime"],
  ];
  it.each(cases)("%s", async (_label, change, expected) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: { ...claims, ...change }, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe(expected);
  });
});

describe("verifyAccessToken rejects wrong or missing claims", () => {
  it.each(["iss", "aud", "sub", "iat", "exp", "jti", "sid"])("a missing %s", async (name) => {
    const { secret, verifier, header, claims } = await setup();
    const payload: Record<string, unknown> = { ...claims };
    delete payload[name];
    const token = forge({ header, payload, secret });
    expect(await reason(verifier.verify(token, NOW))).toMatch(
      /claims|issuer|audience|expired|lifetime/,
    );
  });

  const wrong: Array<[string, unknown]> = [
    ["sub", 123],
    ["sub", { id: "x" }],
    ["sub", ["x"]],
    ["sub", ""],
    ["sub", null],
    ["sub", "x".repeat(256)],
    ["jti", 1],
    ["jti", ""],
    ["iat", String(NOW_S)],
    ["iat", NOW_S - 0.5],
    ["iat", 1e300],
    ["exp", String(NOW_S + 100)],
    ["exp", NOW_S + 100.5],
    ["exp", null],
    ["nbf", "0"],
    ["iss", "http://localhost:3000/"],
    ["iss", "HTTP://LOCALHOST:3000"],
    ["iss", "https://evil.example"],
    ["iss", 1],
    ["aud", "other-api"],
    ["aud", ["other"]],
    ["aud", [1]],
    ["aud", 1],
    ["sid", 1],
    ["sid", ""],
    ["sid", null],
    ["sid", ["s"]],
    ["sid", "s".repeat(256)],
    ["email", ["a@b.c"]],
    ["name", { first: "x" }],
  ];
  it.each(wrong)("%s = %j", async (name, value) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: { ...claims, [name]: value }, secret });
    await expect(verifier.verify(token, NOW)).rejects.toBeInstanceOf(TokenVerificationError);
  });
});

describe("verifyAccessToken requires sid", () => {
  it.each([
    ["missing", undefined],
    ["a number", 1],
    ["empty", ""],
    ["null", null],
    ["an array", ["s"]],
    ["longer than 255 characters", "s".repeat(256)],
  ])("refuses a sid that is %s, as claims", async (_label, sid) => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: { ...claims, sid }, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("claims");
  });

  it("accepts a sid of 255 characters and returns it", async () => {
    const { secret, verifier, header, claims } = await setup();
    const sid = "s".repeat(255);
    const token = forge({ header, payload: { ...claims, sid }, secret });
    expect((await verifier.verify(token, NOW)).sid).toBe(sid);
  });
});

describe("verifyAccessToken rejects broken encodings", () => {
  it.each([
    ["a JSON array payload", [1, 2]],
    ["a null payload", null],
    ["a string payload", "sub"],
  ])("%s", async (_label, payload) => {
    const { secret, verifier, header } = await setup();
    const token = forge({ header, payload: b64(JSON.stringify(payload)), secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("malformed");
  });

  it.each([
    ["broken JSON", b64('{"sub":')],
    ["invalid UTF-8", b64(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
    ["not base64url", "eyJ%%%"],
  ])("a payload of %s", async (_label, payload) => {
    const { secret, verifier, header } = await setup();
    const token = forge({ header, payload, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("malformed");
  });

  it("a header of broken JSON", async () => {
    const { secret, verifier, claims } = await setup();
    const token = forge({ header: b64("{alg:HS256}"), payload: claims, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("malformed");
  });

  it.each([
    ["two segments", "a.b"],
    ["four segments", "a.b.c.d"],
    ["empty segments", ".."],
    ["an empty string", ""],
  ])("%s", async (_label, token) => {
    const { verifier } = await setup();
    expect(await reason(verifier.verify(token, NOW))).toBe("malformed");
  });

  it("a 1 MB token, before decoding anything", async () => {
    const { secret, verifier, header, claims } = await setup();
    const token = forge({ header, payload: { ...claims, pad: "x".repeat(1_000_000) }, secret });
    expect(await reason(verifier.verify(token, NOW))).toBe("oversized");
  });

  it("a non-string", async () => {
    const { verifier } = await setup();
    expect(await reason(verifier.verify(42 as unknown as string, NOW))).toBe("malformed");
  });
});

describe("verification errors", () => {
  it("never echo anything from the token", async () => {
    const { verifier, header, claims } = await setup();
    const marker = "MARKER-4c1d";
    const tokens = [
      forge({ header: { ...header, kid: marker }, payload: claims, secret: randomSecret() }),
      forge({ header, payload: { ...claims, sub: marker }, secret: randomSecret() }),
      forge({ header: { ...header, alg: marker }, payload: claims, secret: randomSecret() }),
    ];
    for (const token of tokens) {
      const error = await verifier.verify(token, NOW).catch((e: Error) => e);
      expect(error).toBeInstanceOf(TokenVerificationError);
      expect(String((error as Error).message)).not.toContain(marker);
      expect(JSON.stringify(error)).not.toContain(marker);
    }
  });
});

// Last in the file: Node emits each deprecation once per process, at its first use, so this sees
// what every test above caused (a deprecated crypto conversion warns from Node 24 on).
describe("key rings, verifiers and issuers", () => {
  it("cause no process warning", async () => {
    const { issuer, verifier } = await setup([randomSecret()]);
    await verifier.verify((await issuer.mint({ sub: "u1", sid: "s1" })).token);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
  });
});

import { createHash, createSecretKey, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TokenConfigError } from "./errors.js";
import { createKeyRing } from "./key-ring.js";
import { deriveKid } from "./kid.js";
import { createAccessTokenIssuer } from "./mint.js";

const secret = () => randomBytes(32).toString("base64url");
const decode = (segment: string | undefined) =>
  JSON.parse(Buffer.from(segment ?? "", "base64url").toString("utf8"));

describe("deriveKid", () => {
  it("is the first 16 characters of base64url(SHA-256(secret))", () => {
    expect(deriveKid("a".repeat(40))).toBe(
      createHash("sha256").update("a".repeat(40)).digest("base64url").slice(0, 16),
    );
    // A fixed vector, computed with: printf '%s' SECRET | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | cut -c1-16
    expect(deriveKid("correct horse battery staple, 32+ chars")).toBe("5l38-SbUrMcmUeTa");
  });

  it("hashes UTF-8 bytes", () => {
    const value = "ünïcødé-secret-with-enough-characters!";
    expect(deriveKid(value)).toBe(
      createHash("sha256").update(Buffer.from(value, "utf8")).digest("base64url").slice(0, 16),
    );
  });
});

describe("createAccessTokenIssuer", () => {
  it("mints the contract's header and claims, with exp - iat = ttl", async () => {
    const s = secret();
    const keyRing = await createKeyRing({ secret: s });
    const issuer = createAccessTokenIssuer({ keyRing, issuer: "http://w", audience: "todo-api" });
    const now = Date.UTC(2030, 5, 1, 8, 0, 0, 999);
    const { token, expiresAt, claims } = await issuer.mint({ sub: "u1", sid: "s1" }, now);
    const [header, payload, signature] = token.split(".");
    expect(decode(header)).toEqual({ alg: "HS256", typ: "at+jwt", kid: deriveKid(s) });
    expect(decode(payload)).toEqual(claims);
    expect(claims).toMatchObject({ iss: "http://w", aud: "todo-api", sub: "u1", sid: "s1" });
    expect(claims.iat).toBe(Math.floor(now / 1000));
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(expiresAt.getTime()).toBe(claims.exp * 1000);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "jti", "sid", "sub"]);
  });

  it("gives every token its own jti", async () => {
    const issuer = createAccessTokenIssuer({
      keyRing: await createKeyRing({ secret: secret() }),
      issuer: "i",
      audience: "a",
    });
    const a = await issuer.mint({ sub: "u", sid: "s" });
    const b = await issuer.mint({ sub: "u", sid: "s" });
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });

  it("signs with the current secret, never a previous one", async () => {
    const current = secret();
    const keyRing = await createKeyRing({ secret: current, previousSecrets: [secret()] });
    const issuer = createAccessTokenIssuer({ keyRing, issuer: "i", audience: "a" });
    const { token } = await issuer.mint({ sub: "u", sid: "s" });
    expect(decode(token.split(".")[0]).kid).toBe(deriveKid(current));
  });

  it.each([9, 3601, 0, -1, 1.5, Number.NaN])("refuses a ttl of %s", async (ttlSeconds) => {
    const keyRing = await createKeyRing({ secret: secret() });
    expect(() =>
      createAccessTokenIssuer({ keyRing, issuer: "i", audience: "a", ttlSeconds }),
    ).toThrow(TokenConfigError);
  });

  it.each(["", 42, null])("refuses a sub of %j", async (sub) => {
    const issuer = createAccessTokenIssuer({
      keyRing: await createKeyRing({ secret: secret() }),
      issuer: "i",
      audience: "a",
    });
    await expect(issuer.mint({ sub: sub as string, sid: "s" })).rejects.toThrow(TypeError);
  });

  it.each([undefined, "", 42, null, "s".repeat(256)])("refuses a sid of %j", async (sid) => {
    const issuer = createAccessTokenIssuer({
      keyRing: await createKeyRing({ secret: secret() }),
      issuer: "i",
      audience: "a",
    });
    await expect(issuer.mint({ sub: "u", sid: sid as string })).rejects.toThrow(TypeError);
  });
});

describe("createKeyRing", () => {
  it("holds the current and previous keys by kid, in a Map", async () => {
    const current = secret();
    const previous = secret();
    const ring = await createKeyRing({ secret: current, previousSecrets: [previous] });
    expect(ring.verification).toBeInstanceOf(Map);
    expect([...ring.verification.keys()]).toEqual([deriveKid(current), deriveKid(previous)]);
    expect(ring.signing.kid).toBe(deriveKid(current));
    expect(ring.signing.key.extractable).toBe(false);
    for (const [kid, value] of [
      [deriveKid(current), current],
      [deriveKid(previous), previous],
    ] as const) {
      const key = ring.verification.get(kid);
      expect(key?.type).toBe("secret");
      expect(key?.equals(createSecretKey(Buffer.from(value, "utf8")))).toBe(true);
    }
    expect(ring.verification.get("constructor")).toBeUndefined();
    expect(ring.verification.get("__proto__")).toBeUndefined();
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TokenConfigError } from "./errors.js";
import { parseSecretList, validateSecrets } from "./secrets.js";

const strong = () => randomBytes(32).toString("base64url");

function refusal(input: Parameters<typeof validateSecrets>[0]): string {
  try {
    validateSecrets(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenConfigError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("validateSecrets", () => {
  it("accepts random secrets in every usual encoding, every time", () => {
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytes(32);
      validateSecrets({ secret: bytes.toString("base64url") });
      validateSecrets({ secret: bytes.toString("base64") });
      validateSecrets({ secret: bytes.toString("hex") });
      validateSecrets({ secret: randomBytes(16).toString("hex") });
      validateSecrets({ secret: randomBytes(24).toString("base64") });
    }
  });

  it.each([undefined, "", "   "])("refuses a missing JWT_SECRET (%j)", (secret) => {
    expect(refusal({ secret })).toMatch(/^JWT_SECRET is not set/);
  });

  it("refuses a short secret and says how long it must be", () => {
    const message = refusal({ secret: randomBytes(15).toString("hex") });
    expect(message).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it.each([
    "change-me-change-me-change-me-change-me",
    "my-super-SECRET-value-for-the-jwt-42-x",
    "your-jwt-secret-goes-here-0123456789ab",
    "password1234567890password1234567890",
    "placeholder-placeholder-placeholder-xx",
    "example-8f3a9c2b7d1e6f4a0b5c8d2e7f1a3b",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "ChangeMe-before-going-live-7f3a9c2b7d1e6f4a",
    "YourSecretHere-9f8e7d6c5b4a39281706f5e4d3c2",
    "Sample-Key-7f3a9c2b7d1e6f4a0b5c8d2e7f1a3b",
  ])("refuses the placeholder %s", (secret) => {
    expect(refusal({ secret })).toMatch(/JWT_SECRET (looks like a placeholder|has too little)/);
  });

  it.each([
    "a".repeat(40),
    "abababababababababababababababababab",
    "abcabcabcabcabcabcabcabcabcabcabcabc",
    "01234567890123456789012345678901",
    "abcdefghijklmnopqrstuvwxyz0123456789",
    "zyxwvutsrqponmlkjihgfedcbazyxwvutsrq",
    "aaaabbbbccccddddeeeeffffgggghhhh",
  ])("refuses the low-entropy %s", (secret) => {
    expect(refusal({ secret })).toMatch(/too little randomness|placeholder/);
  });

  it("never puts a secret in its message", () => {
    const secret = `${"k".repeat(10)}short`;
    expect(refusal({ secret })).not.toContain(secret);
    const duplicate = strong();
    expect(refusal({ secret: duplicate, previousSecrets: [duplicate] })).not.toContain(duplicate);
  });

  it("refuses JWT_SECRET equal to BETTER_AUTH_SECRET (RFC 8725 §3.12)", () => {
    const shared = strong();
    expect(refusal({ secret: shared, betterAuthSecret: shared })).toBe(
      "JWT_SECRET must differ from BETTER_AUTH_SECRET",
    );
  });

  it("refuses a previous secret equal to BETTER_AUTH_SECRET", () => {
    const shared = strong();
    expect(refusal({ secret: strong(), previousSecrets: [shared], betterAuthSecret: shared })).toBe(
      "JWT_PREVIOUS_SECRETS entry 1 must differ from BETTER_AUTH_SECRET",
    );
  });

  it("refuses duplicates among the current and previous secrets", () => {
    const a = strong();
    expect(refusal({ secret: a, previousSecrets: [a] })).toMatch(
      /JWT_PREVIOUS_SECRETS entry 1 repeats JWT_SECRET/,
    );
    const b = strong();
    expect(refusal({ secret: strong(), previousSecrets: [b, b] })).toMatch(
      /entry 2 repeats JWT_PREVIOUS_SECRETS entry 1/,
    );
  });

  it("checks every previous secret like the current one", () => {
    expect(refusal({ secret: strong(), previousSecrets: [strong(), "short"] })).toMatch(
      /^JWT_PREVIOUS_SECRETS entry 2 must be at least 32/,
    );
  });
});

describe("parseSecretList", () => {
  it("splits on commas, trims, and drops empty entries", () => {
    expect(parseSecretList(" a , b,,c ,")).toEqual(["a", "b", "c"]);
    expect(parseSecretList(undefined)).toEqual([]);
    expect(parseSecretList("")).toEqual([]);
  });
});

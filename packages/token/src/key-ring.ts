import { createSecretKey, type KeyObject, type webcrypto } from "node:crypto";
import { deriveKid } from "./kid.js";
import { type SecretsInput, validateSecrets } from "./secrets.js";

export interface KeyRing {
  /** The current secret as a non-extractable WebCrypto key, for minting with jose. */
  readonly signing: { readonly kid: string; readonly key: webcrypto.CryptoKey };
  /**
   * kid → key for the current and the previous secrets, as node:crypto secret keys for the
   * synchronous verifier (docs/decisions/0011-request-path-costs.md). A Map, never a plain
   * object: a `kid` of "constructor" or "__proto__" must find nothing (RFC 8725 §3.10, no
   * inherited members).
   */
  readonly verification: ReadonlyMap<string, KeyObject>;
}

function importHmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

/**
 * Validates the secrets and makes each key once: importing per request costs about a quarter of
 * a request's time under load. The verification keys come from the secrets themselves, never from
 * the signing CryptoKey: Node deprecates turning a non-extractable CryptoKey into a KeyObject
 * (DEP0204, a runtime warning from Node 24) and will refuse it.
 */
export async function createKeyRing(input: SecretsInput): Promise<KeyRing> {
  validateSecrets(input);
  const secret = input.secret as string;
  const secrets = [secret, ...(input.previousSecrets ?? [])];
  const verification = new Map(
    secrets.map((value) => [deriveKid(value), createSecretKey(value, "utf8")] as const),
  );
  return { signing: { kid: deriveKid(secret), key: await importHmacKey(secret) }, verification };
}

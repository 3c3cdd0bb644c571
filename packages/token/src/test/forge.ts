import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";

/** Hand-built tokens, independent of the code under test, for the attacks jose would refuse to make. */
export const b64 = (value: string | Buffer) => Buffer.from(value).toString("base64url");
export const b64json = (value: unknown) => b64(JSON.stringify(value));

export function kidOf(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url").slice(0, 16);
}

export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hmac(
  algorithm: "sha256" | "sha384" | "sha512",
  key: string | Buffer,
  input: string,
) {
  return createHmac(algorithm, key).update(input).digest("base64url");
}

export interface ForgeOptions {
  header?: Record<string, unknown> | string;
  payload?: Record<string, unknown> | unknown;
  secret: string;
  algorithm?: "sha256" | "sha384" | "sha512";
}

/** A compact JWS, HMAC-signed over exactly the segments given (raw strings are used as-is). */
export function forge({ header, payload, secret, algorithm = "sha256" }: ForgeOptions): string {
  const h = typeof header === "string" ? header : b64json(header);
  const p = typeof payload === "string" ? payload : b64json(payload);
  return `${h}.${p}.${hmac(algorithm, secret, `${h}.${p}`)}`;
}

export function asymmetric(kind: "rsa" | "ec" | "ed25519" | "rsa-pss") {
  if (kind === "rsa") return generateKeyPairSync("rsa", { modulusLength: 2048 });
  if (kind === "rsa-pss") return generateKeyPairSync("rsa-pss", { modulusLength: 2048 });
  if (kind === "ec") return generateKeyPairSync("ec", { namedCurve: "P-256" });
  return generateKeyPairSync("ed25519");
}

export function signAsymmetric(
  alg: "RS256" | "ES256" | "EdDSA" | "PS256",
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): string {
  const pair = asymmetric(
    alg === "RS256" ? "rsa" : alg === "PS256" ? "rsa-pss" : alg === "ES256" ? "ec" : "ed25519",
  );
  const input = `${b64json(header)}.${b64json(payload)}`;
  const digest = alg === "EdDSA" ? null : "sha256";
  const signature = sign(digest, Buffer.from(input), {
    key: pair.privateKey,
    ...(alg === "ES256" ? { dsaEncoding: "ieee-p1363" as const } : {}),
  });
  return `${input}.${b64(signature)}`;
}

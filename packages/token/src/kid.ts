import { createHash } from "node:crypto";

/** First 16 characters of base64url(SHA-256(UTF-8 bytes of the secret)): both sides derive it. */
export function deriveKid(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url").slice(0, 16);
}

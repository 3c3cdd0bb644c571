import { createHash, randomBytes } from "node:crypto";
import { INVITE_CODE_BYTES, INVITE_CODE_PATTERN } from "@todo/contract";

/**
 * A fresh invite code: 256 bits from the operating system's CSPRNG, base64url (URL-safe, no
 * padding), far above the 128 bits a capability needs to be unguessable (ASVS 7.2.3, RFC 4086).
 */
export function newInviteCode(): string {
  return randomBytes(INVITE_CODE_BYTES).toString("base64url");
}

/**
 * What the database keeps of a code: its SHA-256, hex. A fast unsalted hash is enough for a
 * random 256-bit secret (nothing to brute-force, unlike a password: ASVS 11.4.1 asks for slow
 * hashing of low-entropy secrets only), and it lets the code be found by an index lookup. Whoever
 * reads the table learns no code that would work.
 */
export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("hex");
}

/** Whether a string could be a code at all; anything else is unknown without a query. */
export function isInviteCode(value: string): boolean {
  return INVITE_CODE_PATTERN.test(value);
}

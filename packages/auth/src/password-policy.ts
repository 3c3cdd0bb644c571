import { dictionary } from "@zxcvbn-ts/language-common";
import { APIError } from "better-auth/api";

/**
 * NIST SP 800-63B §3.1.1.2: length 8 to 128 (Better Auth's own checks), any Unicode, no
 * composition rules, no trimming or truncation, and no password from a list of commonly used or
 * breached ones. The list is zxcvbn's (49,000 passwords from breach corpora), shipped with the
 * project: nothing is looked up on the internet.
 */
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((password) => password.toLowerCase()));
  return common;
}

function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** The password field of each endpoint that sets one. */
const PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

/** Throws Better Auth's 400 when an endpoint that sets a password is given an unacceptable one. */
export function enforcePasswordPolicy(path: string | undefined, body: unknown): void {
  const field = path ? PASSWORD_FIELDS[path] : undefined;
  if (!field || typeof body !== "object" || body === null) return;
  const fields = body as Record<string, unknown>;
  const password = fields[field];
  if (typeof password !== "string") return;
  const email = typeof fields.email === "string" ? fields.email.trim().toLowerCase() : undefined;
  const lower = password.toLowerCase();
  if (isCommonPassword(password) || (email && (lower === email || lower === email.split("@")[0]))) {
    throw new APIError("BAD_REQUEST", {
      code: "PASSWORD_TOO_COMMON",
      message: "This password is too common or too easy to guess. Choose another one.",
    });
  }
}

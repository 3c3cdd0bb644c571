import { APIError } from "better-auth/api";

/** Longest name accepted, in UTF-16 code units (what an HTML `maxlength` counts). */
const MAX_NAME_LENGTH = 100;
/** RFC 5321: a forward path is at most 256 octets, so an address at most 254 characters. */
const MAX_EMAIL_LENGTH = 254;

const CONTROL = /\p{Cc}/u;

function refuse(code: string, message: string): never {
  throw new APIError("BAD_REQUEST", { code, message });
}

function checkName(name: unknown, required: boolean): void {
  if (name === undefined && !required) return;
  if (typeof name !== "string" || name.trim().length === 0) {
    refuse("NAME_REQUIRED", "Enter your name.");
  }
  if (name.length > MAX_NAME_LENGTH) {
    refuse("NAME_TOO_LONG", `Use at most ${MAX_NAME_LENGTH} characters for your name.`);
  }
  if (CONTROL.test(name)) refuse("NAME_INVALID", "A name cannot contain control characters.");
}

/**
 * Explicit maxima on every user field Better Auth stores (it checks the email's format and the
 * password's length, and nothing else: a name of any length went into the database and into every
 * access token). Called before the endpoint, on the body as sent:
 *
 * - sign-up: name 1 to 100 characters without control characters, email at most 254;
 * - update-user: the same name rule when a name is sent;
 * - image: the app shows no pictures, so none is stored (`null`, "no image", is let through).
 */
export function enforceUserFieldBounds(path: string | undefined, body: unknown): void {
  if (path !== "/sign-up/email" && path !== "/update-user") return;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return;
  const fields = body as Record<string, unknown>;
  checkName(fields.name, path === "/sign-up/email");
  if (typeof fields.email === "string" && fields.email.trim().length > MAX_EMAIL_LENGTH) {
    refuse("EMAIL_TOO_LONG", `Use an email address of at most ${MAX_EMAIL_LENGTH} characters.`);
  }
  if (fields.image !== undefined && fields.image !== null) {
    refuse("IMAGE_NOT_SUPPORTED", "Profile images are not supported.");
  }
}

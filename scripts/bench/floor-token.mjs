// The floor's access-token check (floor-server.mjs): every header and claim rule of
// docs/contract.md in its order, HS256 through node:crypto (key made once, constant-time
// comparison), the revocation record in two Maps. Nothing from the project's packages.
import { createHash, createHmac, createSecretKey, timingSafeEqual } from "node:crypto";

const B64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function canonical(segment) {
  if (!B64URL.test(segment) || segment.length % 4 === 1) return undefined;
  const bytes = Buffer.from(segment, "base64url");
  return bytes.toString("base64url") === segment ? bytes : undefined;
}
function object(segment) {
  const bytes = canonical(segment);
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(utf8.decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
const id = (v) => typeof v === "string" && v.length > 0 && v.length <= 255;
const optionalString = (v) => v === undefined || typeof v === "string";

/**
 * `verify(token)`: the claims, or undefined (the reason is not needed here). `revoked` are the
 * revocation table's live rows: an ended session (`session_id`) or a deleted account (`user_id`,
 * every token issued up to `revoked_at`).
 */
export function createVerifier({ secret, issuer, audience, revoked }) {
  const kid = createHash("sha256").update(secret).digest("base64url").slice(0, 16);
  const keys = new Map([[kid, createSecretKey(Buffer.from(secret, "utf8"))]]);
  const revokedSessions = new Map();
  const revokedUsers = new Map();
  for (const row of revoked) {
    if (row.session_id !== null) revokedSessions.set(row.session_id, true);
    else revokedUsers.set(row.user_id, Number(row.revoked_at));
  }

  return function verify(token) {
    if (token.length > 4096) return undefined;
    const parts = token.split(".");
    if (parts.length !== 3 || parts[2].length !== 43) return undefined;
    const signature = canonical(parts[2]);
    const header = object(parts[0]);
    const claims = object(parts[1]);
    if (!signature || !header || !claims) return undefined;
    const names = Object.keys(header);
    if (names.length !== 3 || header.alg !== "HS256" || header.typ !== "at+jwt") return undefined;
    if (typeof header.kid !== "string") return undefined;
    const key = keys.get(header.kid);
    if (!key) return undefined;
    const mac = createHmac("sha256", key).update(`${parts[0]}.${parts[1]}`).digest();
    if (!timingSafeEqual(mac, signature)) return undefined;
    const { iss, aud, sub, iat, exp, nbf, jti, sid, email, name } = claims;
    if (!id(sub) || !id(jti) || !id(sid)) return undefined;
    if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return undefined;
    if (nbf !== undefined && !Number.isSafeInteger(nbf)) return undefined;
    if (!optionalString(email) || !optionalString(name) || iss !== issuer) return undefined;
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.every((a) => typeof a === "string") || !audiences.includes(audience))
      return undefined;
    const now = Math.floor(Date.now() / 1000);
    if (exp <= iat || exp - iat > 3600 || iat > now + 30 || exp <= now - 30) return undefined;
    if (nbf !== undefined && nbf > now + 30) return undefined;
    if (revokedSessions.has(sid)) return undefined;
    const userRevokedAt = revokedUsers.get(sub);
    if (userRevokedAt !== undefined && iat <= userRevokedAt) return undefined;
    return claims;
  };
}
